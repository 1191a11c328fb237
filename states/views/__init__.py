from states.views.lists import activity_export, activity_list, request_export, request_list
from states.views.requests import (
    activity_detail,
    attachment_download,
    request_create,
    request_detail,
)
from states.views.state_page import state_detail

__all__ = [
    "activity_detail",
    "activity_export",
    "activity_list",
    "attachment_download",
    "request_create",
    "request_detail",
    "request_export",
    "request_list",
    "state_detail",
]
