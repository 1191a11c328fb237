from commitments.views.mandates import mandate_detail, resolution_detail

__all__ = ["mandate_detail", "resolution_detail"]
