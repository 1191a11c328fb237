"""The allowed mandate status transitions: the one table every entry point obeys.

Kept in step with the README ("Status transitions").
"""

from commitments.models import Mandate

S = Mandate.Status

MANDATE_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NOT_STARTED: frozenset({S.IN_PROGRESS, S.ONGOING, S.COMPLETED, S.NO_ACTION_REQUIRED, S.SUPERSEDED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.ONGOING, S.NOT_STARTED, S.SUPERSEDED}),
    S.ONGOING: frozenset({S.IN_PROGRESS, S.COMPLETED, S.SUPERSEDED}),
    # A completed mandate can be reopened when a later session asks for more.
    S.COMPLETED: frozenset({S.IN_PROGRESS, S.SUPERSEDED}),
    # A declaratory paragraph reclassified as asking for action starts again.
    S.NO_ACTION_REQUIRED: frozenset({S.NOT_STARTED, S.SUPERSEDED}),
    # Superseded is final: the later resolution's mandate carries the work.
    S.SUPERSEDED: frozenset(),
}


def mandate_transition_allowed(current: str, new: str) -> bool:
    return new in MANDATE_TRANSITIONS.get(current, frozenset())
