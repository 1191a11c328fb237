from states.views.lists import activity_list, request_list
from states.views.requests import (
    activity_detail,
    attachment_download,
    request_create,
    request_detail,
    state_detail,
)

__all__ = [
    "activity_detail",
    "activity_list",
    "attachment_download",
    "request_create",
    "request_detail",
    "request_list",
    "state_detail",
]
