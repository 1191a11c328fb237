# The ground floor holds no models. This module exists because Django sends ``post_migrate``
# only to apps that have a models module, and ``core.apps`` listens to it to keep the role
# groups' permissions in step with ``core.permissions``.
