"""Personal data: names and e-mails become keyed hashes while reading; nothing else sees them.

The HMAC-SHA256 key is resolved once, at the start of a run (:func:`resolve_key`): ``$PARTNERSHIP_METRICS_KEY``
(hex or text), else a local key file: ``$PARTNERSHIP_METRICS_KEY_FILE``, or by default
``.secrets/pseudonymisation.key`` at the project root (ignored by git), created there with owner-only permissions
when it does not exist yet (atomically: two runs starting together get the same key). An empty, short or
repetitive key is refused (an unkeyed hash could be recomputed by anyone); a key file others can read is warned
about; the manifest records the key's fingerprint, never the key. A :class:`Pseudonymiser` holding the key is made once per run and passed to the steps
that meet people; nothing below it reads the environment or a file. The same person gets the same pseudonym in every
run made with the same key, so attendance can be counted without knowing who attended.

Outside the person columns, a person can still be typed anywhere: :meth:`Pseudonymiser.mask` pseudonymises the
e-mails and names that :func:`partnership_metrics.privacy.mask_personal` finds in free text.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import secrets
import stat
from collections import Counter
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..errors import FatalInputError
from ..privacy import EMAIL, mask_personal
from ..textnorm import fold

KEY_ENV = "PARTNERSHIP_METRICS_KEY"
KEY_FILE_ENV = "PARTNERSHIP_METRICS_KEY_FILE"
DEFAULT_KEY_FILE_NAME = "pseudonymisation.key"  # in the project's .secrets/ folder
_KEY_ACTION = (f"set ${KEY_ENV}, or ${KEY_FILE_ENV} to a readable key file (keep the key: with another one, "
               "pseudonyms change)")


def key_file(environ: Mapping[str, str] | None = None) -> Path:
    """The key file of a run: ``$PARTNERSHIP_METRICS_KEY_FILE``, else ``.secrets/pseudonymisation.key`` at the
    project root."""
    environ = os.environ if environ is None else environ
    return Path(environ.get(KEY_FILE_ENV) or paths.SECRETS_DIR / DEFAULT_KEY_FILE_NAME)


MIN_KEY_CHARS = 16
MIN_KEY_BITS = 48  # estimated from the key's own characters (their Shannon entropy times its length)
_NEW_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"


def resolve_key(environ: Mapping[str, str] | None = None, *, warn: Callable[[str], None] | None = None) -> bytes:
    """The pseudonymisation key of a run, resolved once at its start: ``$PARTNERSHIP_METRICS_KEY``, else the key
    file's content (the file is created, owner-only, when it does not exist). A key file that cannot be created or
    read, or a key that is empty or too weak (:func:`check_key`), is a one-line :class:`FatalInputError`;
    ``warn`` receives a line when the key file can be read by others than its owner."""
    environ = os.environ if environ is None else environ
    if KEY_ENV in environ:
        return check_key(environ[KEY_ENV].strip().encode("utf-8"), f"${KEY_ENV}")
    path = key_file(environ)
    if not path.exists():
        _create_key_file(path)
    key = check_key(_read_key_file(path), str(path))
    if warn is not None and (wider := _wider_than_owner(path)):
        warn(f"the pseudonymisation key file {path} can be {wider}: make it owner-only (chmod 600)")
    return key


def check_key(key: bytes, source: str) -> bytes:
    """``key`` when it is strong enough: at least :data:`MIN_KEY_CHARS` characters and about
    :data:`MIN_KEY_BITS` bits of entropy; else a one-line :class:`FatalInputError` naming where it came from.
    An empty or short key would make pseudonyms an unkeyed hash: anyone could recompute a name's pseudonym."""
    if not key.strip():
        raise FatalInputError(source, "the pseudonymisation key is empty",
                              f"put a long random key there, e.g. the output of {_NEW_KEY}")
    if len(key) < MIN_KEY_CHARS or entropy_bits(key) < MIN_KEY_BITS:
        raise FatalInputError(source, f"the pseudonymisation key is too weak (at least {MIN_KEY_CHARS} varied "
                                      f"characters, about {MIN_KEY_BITS} bits)",
                              f"use a long random key, e.g. the output of {_NEW_KEY}")
    return key


def entropy_bits(key: bytes) -> float:
    """An estimate of the key's entropy: its length times the Shannon entropy of its characters."""
    counts = Counter(key)
    n = len(key)
    return -n * sum(c / n * math.log2(c / n) for c in counts.values()) if n else 0.0


def _wider_than_owner(path: Path) -> str | None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if os.name != "posix" or not mode & 0o077:
        return None
    return "read by others" if mode & 0o044 else "changed by others"


def _create_key_file(path: Path) -> None:
    """A new random key in ``path``, readable by its owner only (the folder too, when it is created).

    Atomic: the key is written and flushed to a temporary file, then linked to its name, which fails if another
    run created the file meanwhile (that key is then the key): no run ever reads a half-written key."""
    value = secrets.token_hex(32).encode("ascii") + b"\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(value)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:  # created meanwhile by another run: that key is the key
                return
            except OSError:  # a file system without hard links: an exclusive create is the next best thing
                _write_exclusive(path, value)
            _fsync_folder(path.parent)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise FatalInputError(str(path), f"no key file, and it cannot be created ({exc.strerror or exc})",
                              _KEY_ACTION) from None


def _write_exclusive(path: Path, value: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as fh:
        fh.write(value)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


MAX_KEY_FILE_BYTES = 4096  # a key is a line of text: anything longer is not a key file


def _read_key_file(path: Path) -> bytes:
    """The key in ``path``: a regular file of at most :data:`MAX_KEY_FILE_BYTES` (a device such as /dev/zero or a
    named pipe is refused before it is read: it would never end)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise FatalInputError(str(path), "the pseudonymisation key file is not a regular file", _KEY_ACTION)
            data = fh.read(MAX_KEY_FILE_BYTES + 1)
        if len(data) > MAX_KEY_FILE_BYTES:
            raise FatalInputError(str(path), f"the pseudonymisation key file is larger than {MAX_KEY_FILE_BYTES} "
                                  "bytes: not a key", _KEY_ACTION)
        return data.strip()
    except OSError as exc:
        raise FatalInputError(str(path), f"the pseudonymisation key file cannot be read ({exc.strerror or exc})",
                              _KEY_ACTION) from None


def key_fingerprint(key: bytes) -> str:
    """A short, non-reversible fingerprint of the key, so a manifest can tell that the key changed."""
    return hmac.new(key, b"partnership-metrics key fingerprint", hashlib.sha256).hexdigest()[:12]


def identity(name: str | None = None, email: str | None = None, titles: frozenset[str] = frozenset()) -> str | None:
    """What identifies a person: the name's words in a fixed order, ``titles`` left out (so "DUPONT Jean" in a
    project list and "Dr Jean Dupont" in an attendance list are one person), else the e-mail."""
    if name:
        text = EMAIL.sub(" ", str(name))  # "Jean Dupont <jean.dupont@x.fr>": the name part
        words = sorted(w for w in fold(text).split() if w not in titles)
        if words:
            return " ".join(words)
        found = EMAIL.search(str(name))
        if found:
            return found.group(0).lower()
    if email:
        found = EMAIL.search(str(email))
        if found:
            return found.group(0).lower()
    return None


@lru_cache(maxsize=1 << 16)
def _pseudonym(key: bytes, identity_text: str) -> str:
    return "p-" + hmac.new(key, identity_text.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


class Pseudonymiser:
    """The pseudonyms of one run: made once, at its start, with the run's key and the titles of ``words.yaml``."""

    def __init__(self, key: bytes, titles: frozenset[str] = frozenset()):
        self._key = key
        self.titles = titles
        self._people: dict[tuple[str, str], str | None] = {}
        self.masked: Counter[str] = Counter()  # "table.column" -> distinct values where personal data was masked

    def mask(self, text, where: str = ""):
        """``text`` with the e-mails and names it holds pseudonymised (:func:`mask_personal`), counted under
        ``where`` (``"projects.title"``) when any was found."""
        masked = mask_personal(text, self)
        if masked is not text and masked != text and where:
            self.masked[where] += 1
        return masked

    @property
    def fingerprint(self) -> str:
        """The key's fingerprint (see :func:`key_fingerprint`)."""
        return key_fingerprint(self._key)

    def identity(self, name: str | None = None, email: str | None = None) -> str | None:
        """What identifies a person (see :func:`identity`)."""
        return identity(name, email, self.titles)

    def pseudonym(self, identity_text: str) -> str:
        """The keyed hash shown in place of a person: ``p-`` and 16 hex digits."""
        return _pseudonym(self._key, identity_text)

    def person(self, name: str, email: str) -> str | None:
        """The pseudonym of a person given by name and/or e-mail (empty strings: not given); None when neither."""
        key = (name, email)
        if key not in self._people:
            who = self.identity(name=name or None, email=email or None)
            self._people[key] = self.pseudonym(who) if who else None
        return self._people[key]

    def scrub_emails(self, text: str) -> str:
        """Replace every e-mail address inside free text by its pseudonym."""
        return EMAIL.sub(lambda m: self.pseudonym(m.group(0).lower()), text)

    def __repr__(self) -> str:  # never the key itself
        return f"Pseudonymiser(key fingerprint {self.fingerprint})"
