"""What an unchanged re-run compares: the raw files to read, the partnership file and the fingerprint of a run's
inputs. Kept apart from :mod:`.ingestion` so that checking a re-run imports none of the readers."""

from __future__ import annotations

from pathlib import Path

from .. import __version__, paths
from ..errors import FatalInputError
from ..storage import CUSTOM_KPIS, sha256_file
from .pseudonymise import Pseudonymiser, key_fingerprint, resolve_key
from .reading import list_raw_files
from .vocabulary import packaged_files, user_files


def raw_files(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """(files to read, files ignored) of a raw folder; the bundled sample (data/raw/sample/) is left out of an
    ingest of data/raw/ itself, so that demo data never mixes with the partners' files."""
    files, ignored = list_raw_files(raw_dir)
    if Path(raw_dir).resolve() == paths.RAW_DIR.resolve():
        sample = paths.SAMPLE_RAW_DIR.resolve()
        ignored += [p for p in files if p.resolve().is_relative_to(sample)]
        files = [p for p in files if not p.resolve().is_relative_to(sample)]
    return files, ignored


def partnership_file(config: Path | None, reference_dir: Path | None) -> Path:
    """The partnership file of a run, as :func:`partnership_metrics.partnership.find_partnership` chooses it:
    ``config``, else ``partnership.yaml`` in the reference folder, else the packaged one (found without reading it,
    so that an unchanged re-run stays fast)."""
    from ..partnership import FILE_NAME, PACKAGED_FILE

    if config is not None:
        if not Path(config).is_file():
            raise FatalInputError(str(config), "no such file", "give the partnership file with --config")
        return Path(config)
    if reference_dir is not None and (Path(reference_dir) / FILE_NAME).is_file():
        return Path(reference_dir) / FILE_NAME
    return PACKAGED_FILE


def input_fingerprint(raw_dir: Path, mapping: Path | None = None, *, reference_dir: Path | None = None,
                      key: bytes | None = None, partnership: Path | None = None) -> dict:
    """What an unchanged re-run compares: the raw files' sha256, the packaged vocabularies, the user's vocabulary
    files read from the reference folder, the mapping file, the partnership file, the package version and the key's
    fingerprint. Defaults: the reference folder of ``raw_dir``, the resolved key, the partnership file found there."""
    raw_dir = Path(raw_dir)
    reference_dir = paths.reference_dir_for(raw_dir) if reference_dir is None else Path(reference_dir)
    key = resolve_key() if key is None else key
    partnership = partnership_file(None, reference_dir) if partnership is None else Path(partnership)
    files, _ = raw_files(raw_dir) if raw_dir.is_dir() else ([], [])
    config = {p.name: sha256_file(p) for p in packaged_files()}
    config.update({f"reference/{p.name}": sha256_file(p) for p in user_files(reference_dir)})
    mapping_path = Path(mapping) if mapping else raw_dir / "mapping.yaml"
    if mapping_path.is_file():
        config["mapping"] = sha256_file(mapping_path)
    config["partnership"] = sha256_file(partnership)
    if (reference_dir / CUSTOM_KPIS).is_file():
        config["custom_kpis"] = sha256_file(reference_dir / CUSTOM_KPIS)
    return {
        "version": __version__,
        "key": key_fingerprint(key),
        # names as the outputs show them: a person named in a file name is pseudonymised in the manifest too
        "files": {Pseudonymiser(key).mask(p.relative_to(raw_dir).as_posix()): sha256_file(p) for p in files},
        "config": config,
    }
