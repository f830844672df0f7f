"""The project's own errors: what went wrong, where, and what to do about it; and the exit codes of every command.

One convention across commands: :data:`EXIT_DONE` (0) the work is done; :data:`EXIT_FAILED` (1) a failure the
user asked to be told about by an exit code (``--strict`` with problems) or a report that could not be made;
:data:`EXIT_USAGE` (2) a usage mistake (an option, a period, a folder) or a fatal input problem, in one line;
:data:`EXIT_PARTIAL` (3) an ingest that wrote its tables but could not read some sheets or found no sheet of a data
table the folder shows it holds (``annual`` and ``demo`` write the reports all the same, and exit 3 too).
"""

from __future__ import annotations

EXIT_DONE, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


class PartnershipMetricsError(Exception):
    """Base class of every error the command line turns into one clear line (exit 2 unless said otherwise)."""

    exit_code = EXIT_USAGE


class UsageError(PartnershipMetricsError):
    """A command given options it cannot work with (a period without data, a baseline after the period, an output
    file whose suffix contradicts ``--format``...): exit 2."""


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
    """A report could not be produced (a failing notebook, a missing browser...): exit 1."""

    exit_code = EXIT_FAILED
