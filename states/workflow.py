"""The allowed assistance-request status transitions: the one table every entry point obeys.

Kept in step with the README ("Status transitions").
"""

from states.models import AssistanceRequest

S = AssistanceRequest.Status

REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.UNDER_REVIEW, S.ACCEPTED, S.DECLINED, S.ON_HOLD, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.ACCEPTED, S.DECLINED, S.ON_HOLD, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS, S.ON_HOLD, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.DELIVERED, S.ON_HOLD, S.WITHDRAWN}),
    S.ON_HOLD: frozenset({S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS, S.DECLINED, S.WITHDRAWN}),
    # Delivered can be reopened if the state reports the work incomplete.
    S.DELIVERED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Transitions that need a written reason in the update's note.
REASON_REQUIRED = frozenset({S.DECLINED, S.ON_HOLD, S.WITHDRAWN})

# The only transition a member state's focal point may make; every other is the Secretariat's.
FOCAL_POINT_TRANSITIONS = frozenset({S.WITHDRAWN})


def request_transition_allowed(current: str, new: str) -> bool:
    return new in REQUEST_TRANSITIONS.get(current, frozenset())
