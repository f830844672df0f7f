"""Personal data (SPEC §7): names and e-mails become keyed hashes while reading; nothing else sees them.

The HMAC-SHA256 key comes from ``$PARTNERSHIP_METRICS_KEY`` (hex or text), or from a local key file that is created
on first use with owner-only permissions (default ``.secrets/pseudonymisation.key`` at the project root, ignored by
git; ``$PARTNERSHIP_METRICS_KEY_FILE`` names another). The same person gets the same pseudonym in every run made
with the same key, so attendance can be counted without knowing who attended.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from functools import cache, lru_cache
from pathlib import Path

from .. import paths
from ..textnorm import fold

KEY_ENV = "PARTNERSHIP_METRICS_KEY"
KEY_FILE_ENV = "PARTNERSHIP_METRICS_KEY_FILE"
_TITLES = frozenset({"dr", "docteur", "pr", "prof", "professeur", "mme", "mlle", "m", "mr", "mrs", "ms", "monsieur",
                     "madame"})
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)


_DEFAULT_KEY_FILE = str(paths.SECRETS_DIR / "pseudonymisation.key")


def key_file() -> Path:
    return Path(os.environ.get(KEY_FILE_ENV) or _DEFAULT_KEY_FILE)


@cache
def _key_from(env_value: str | None, file: str) -> bytes:
    if env_value:
        return env_value.encode("utf-8")
    path = Path(file)
    if path.is_file():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    value = secrets.token_hex(32).encode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(value + b"\n")
    return value


def load_key() -> bytes:
    """The pseudonymisation key (created on first use when neither the variable nor the file exists)."""
    return _key_from(os.environ.get(KEY_ENV), os.environ.get(KEY_FILE_ENV) or _DEFAULT_KEY_FILE)


def key_fingerprint() -> str:
    """A short, non-reversible fingerprint of the key, so a manifest can tell that the key changed."""
    return hmac.new(load_key(), b"partnership-metrics key fingerprint", hashlib.sha256).hexdigest()[:12]


def identity(name: str | None = None, email: str | None = None) -> str | None:
    """What identifies a person: the name's words in a fixed order (so "DUPONT Jean" in a project list and
    "Jean Dupont" in an attendance list are one person), else the e-mail."""
    if name:
        text = EMAIL.sub(" ", str(name))  # "Jean Dupont <jean.dupont@x.fr>": the name part
        words = sorted(w for w in fold(text).split() if w not in _TITLES)
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


def pseudonym(identity_text: str) -> str:
    """The keyed hash shown in place of a person: ``p-`` and 16 hex digits."""
    return _pseudonym(load_key(), identity_text)


@lru_cache(maxsize=1 << 16)
def _pseudonym(key: bytes, identity_text: str) -> str:
    return "p-" + hmac.new(key, identity_text.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def scrub_emails(text: str) -> str:
    """Replace every e-mail address inside free text by its pseudonym."""
    return EMAIL.sub(lambda m: pseudonym(m.group(0).lower()), text)
