from commitments.views.imports import import_confirm, import_preview, import_result, import_upload
from commitments.views.mandates import (
    mandate_detail,
    mandate_export,
    mandate_list,
    mandate_update,
    resolution_detail,
)

__all__ = [
    "import_confirm",
    "import_preview",
    "import_result",
    "import_upload",
    "mandate_detail",
    "mandate_export",
    "mandate_list",
    "mandate_update",
    "resolution_detail",
]
