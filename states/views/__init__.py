from states.views.requests import activity_detail, attachment_download, request_detail, state_detail

__all__ = ["activity_detail", "attachment_download", "request_detail", "state_detail"]
