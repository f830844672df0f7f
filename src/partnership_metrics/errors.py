"""The project's own errors: what went wrong, where, and what to do about it."""

from __future__ import annotations


class PartnershipMetricsError(Exception):
    """Base class of every error the command line turns into one clear line."""

    exit_code = 2


class FatalInputError(PartnershipMetricsError):
    """An input problem that stops the run: names the file, the problem and what to do."""

    def __init__(self, file: str, problem: str, action: str):
        self.file = file
        self.problem = problem
        self.action = action
        super().__init__(f"{file}: {problem}. {action}")

    def __reduce__(self):  # picklable, so that a reader running in a child process can send it back
        return (type(self), (self.file, self.problem, self.action))


class ParseError(ValueError):
    """A cell value that cannot be read as the type of its column."""


class ReconciliationError(PartnershipMetricsError):
    """rows_read != accepted + quarantined + dropped for a sheet: a bug, never silently ignored."""


class ReportError(PartnershipMetricsError):
    """A report could not be produced (a failing notebook, a missing browser...)."""

    exit_code = 1
