# The ground floor holds one model of its own (``core.submissions.SubmissionToken``, which
# knows no app). This module also exists because Django sends ``post_migrate``
# only to apps that have a models module, and ``core.apps`` listens to it to keep the role
# groups' permissions in step with ``core.permissions``.

from core.submissions import SubmissionToken  # noqa: E402, F401  (the once-per-form table)
