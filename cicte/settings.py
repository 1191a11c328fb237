"""Settings for the CICTE mandate tracker.

One file, read from the environment (see README "Configuration"). Safe by default:
DEBUG is off unless set, SQLite unless DATABASE_URL is set.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cicte.env import env_bool, env_int, env_list, env_str, read_dev_env

BASE_DIR = Path(__file__).resolve().parent.parent

read_dev_env(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # A development-only key: never used when DEBUG is off (see above).
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-8c1f0e2a"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that its createsuperuser (which checks the password rules with --noinput too)
    # replaces django.contrib.auth's: the first app that holds a command wins.
    "core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "axes",
    "csp",
    "commitments",
    "states",
    "reporting",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "accounts",
]

MIDDLEWARE = [
    # First: an oversized body is refused before any of it is read.
    "core.middleware.RefuseOversizedBodyMiddleware",
    # Outside the session middleware, which writes to the database on the way out.
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Keeps the inactivity timeout without saving the session on every request.
    "core.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the query string into a query; after the user is known, so that
    # the 400 and 404 pages it leads to draw the site's layout.
    "core.middleware.RefuseNulMiddleware",
    # Tells whether this session passed a second factor (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Whatever a signed-in user is shown is private and never stored by a shared cache.
    "core.middleware.PrivateCacheMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "core.signin.KnownDeviceMiddleware",
    # The second step of signing in: the second factor asked for, or set up where required.
    "accounts.middleware.SecondFactorMiddleware",
    # At sign-in, the language the user chose on their account page.
    "accounts.middleware.AccountLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that a locked-out login attempt answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cicte.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "cicte.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a concurrent writer instead of failing at once with "database is locked".
    # IMMEDIATE takes the write lock when a transaction starts, so two concurrent writers queue
    # (for up to `timeout` seconds) instead of one failing with "database is locked" mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    # Tests use a file, not the default shared in-memory database, so that concurrent-edit tests
    # see real SQLite locking between connections (as in production) rather than shared-cache
    # table locks.
    # One file per process, so that two test runs at once never share (and corrupt) a database.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"cicte-test-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.password_validation.NotOnlyWhitespaceValidator"},
    {"NAME": "core.password_validation.OrganisationWordsValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# A second factor (accounts.mfa): required of the Secretariat and of anyone who may open the
# admin when MFA_REQUIRED is on (by default whenever DEBUG is off), offered to everyone.
MFA_REQUIRED = env_bool("MFA_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "CICTE mandate tracker"
# Passkeys (django-otp-webauthn) are bound to the site's host name, from SITE_URL (below);
# they are a second factor only: signing in still starts with the password, throttled by axes.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "CICTE mandate tracker"
# Django's reset links last this long, and die once used (they sign the password's hash).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 2) * 60 * 60

# Sessions end after SESSION_AGE_SECONDS of inactivity (8 hours by default) and with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_AGE_SECONDS", 8 * 60 * 60)
# Not saved on every request (a write and a commit per page): core.sessions refreshes the
# expiry at most every SESSION_REFRESH_SECONDS, which keeps the inactivity timeout.
SESSION_ENGINE = "core.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 5 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Behind a reverse proxy (which must set X-Forwarded-For and X-Forwarded-Proto itself).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# How many proxies append to X-Forwarded-For before the request reaches the app.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 1 or more.")

# Login throttling (django-axes): lock a username+address pair after AXES_FAILURE_LIMIT
# failures, for AXES_COOLOFF_MINUTES after the last one. The lock must hit whoever guesses, not
# the official (core/signin.py): the address is the proxy's view of the client only when
# BEHIND_PROXY, and a browser that has signed in as that user before is never locked out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "core.signin.lockout_response"
AXES_WHITELIST_CALLABLE = "core.signin.is_known_device"
if BEHIND_PROXY:
    AXES_CLIENT_IP_CALLABLE = "core.signin.client_ip"
# An official's successful login must not wipe the count of someone guessing from the same
# address; the official's own browser is exempt anyway (core/signin.py), and counts expire after
# the cool-off.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Sign-in events, access logs, sent emails and form tokens are deleted after this many days
# (manage.py prune_audit, from deploy/cron.sh weekly); request and mandate history never is.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 730)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The cache (API throttling counts): Redis, shared by every app server, when CACHE_URL is set
# (redis://host:6379/0); otherwise this process's memory, which is right for one server only.
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"CACHE_URL must be a redis://, rediss:// or unix:// URL, not {CACHE_URL!r}.")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "cicte"}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Attachments live outside every web root and are served only through a view that checks
# visibility (states.views.attachments); nothing maps a URL onto this folder.
PRIVATE_STORAGE_ROOT = Path(env_str("PRIVATE_STORAGE_ROOT", str(BASE_DIR / "var" / "private")))
# Documents go through Django's storage API, the "private" alias (states.models.private_storage):
# that folder by default, which several app servers must then share (NFS, a volume); or, with
# PRIVATE_STORAGE=s3, an S3-compatible bucket (AWS, MinIO, Ceph…). Objects are written with a
# private ACL and never linked to: every download is streamed by the checking view.
PRIVATE_STORAGE = env_str("PRIVATE_STORAGE", "") or "filesystem"
if PRIVATE_STORAGE == "filesystem":
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    }
elif PRIVATE_STORAGE == "s3":
    if not env_str("AWS_STORAGE_BUCKET_NAME", ""):
        raise ImproperlyConfigured("PRIVATE_STORAGE=s3: set AWS_STORAGE_BUCKET_NAME (and its credentials).")
    _s3_options = {
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", ""),
        "location": env_str("AWS_LOCATION", ""),
        "default_acl": "private",
        # Should anything ask for a URL, it is signed and short-lived, never a public link.
        "querystring_auth": True,
        "querystring_expire": 60,
        # A name already taken gets another (states.attachments.store_file then refuses it):
        # a document is never overwritten.
        "file_overwrite": False,
        # A download larger than this is buffered on the app server's disk, not in memory.
        "max_memory_size": 2 * 1024 * 1024,
    }
    # Unset: boto3's own chain (its environment variables, an instance or pod role).
    for _option, _variable in [
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
        ("addressing_style", "AWS_S3_ADDRESSING_STYLE"),
    ]:
        if env_str(_variable, ""):
            _s3_options[_option] = env_str(_variable, "")
    STORAGES["private"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
else:
    raise ImproperlyConfigured(f"PRIVATE_STORAGE must be filesystem or s3, not {PRIVATE_STORAGE!r}.")
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 10) * 1024 * 1024
RESOLUTION_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
# The import preview posts one correction form per paragraph (up to 2,000 paragraphs × ~8 fields).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Anonymous visitors may read mandates and their public updates when this is on.
PUBLIC_MANDATES = env_bool("PUBLIC_MANDATES", False)
# A mandate or request with no update for this many days is "stale".
STALE_AFTER_DAYS = env_int("STALE_AFTER_DAYS", 90)
# Deadlines within this many days are "due soon".
DUE_SOON_DAYS = env_int("DUE_SOON_DAYS", 30)

# Email: console in development, SMTP from the environment in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: the folder messages are
# written to instead of being sent (a staging server; tests/deploy reads them there).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "email"))

# Work done off the web request (email delivery and its retries): Django's Tasks API (the
# django-tasks backport), queued in the database so that any number of workers
# (`manage.py db_worker`) on any number of machines share it. "immediate" runs each task inline
# when it is enqueued (after the transaction commits): the demo needs no worker.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASKS_BACKEND", "immediate" if DEBUG else "database")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {_task_backend!r}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend], "QUEUES": ["default"]}}
# The implementation report of more mandates than this is built as a file by the worker (the
# requester is emailed); its page shows the first REPORT_PAGE_MANDATES mandates only.
REPORT_BACKGROUND_MANDATES = env_int("REPORT_BACKGROUND_MANDATES", 2000)
REPORT_PAGE_MANDATES = env_int("REPORT_PAGE_MANDATES", 200)
# A report file of more mandates than this is a ZIP of PDF files (a summary, then parts of about
# REPORT_PART_MANDATES mandates, whole resolutions each) drawn by REPORT_PARALLEL_WORKERS
# processes at once (0: one per core, at most 4), so its memory is bounded by one part.
REPORT_SPLIT_MANDATES = env_int("REPORT_SPLIT_MANDATES", 10000)
REPORT_PART_MANDATES = env_int("REPORT_PART_MANDATES", 7000)
REPORT_PARALLEL_WORKERS = env_int("REPORT_PARALLEL_WORKERS", 0)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cicte-tracker@localhost")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Browsers create passkeys for an https origin only: offered when SITE_URL is https.
PASSKEYS_ENABLED = urlsplit(SITE_URL).scheme == "https"
OTP_WEBAUTHN_RP_ID = env_str("WEBAUTHN_RP_ID", urlsplit(SITE_URL).hostname or "localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"https://{urlsplit(SITE_URL).netloc}"]

# Single sign-on through OpenID Connect (accounts.sso), on when OIDC_ISSUER is set. Register
# <SITE_URL>/accounts/sso/callback/ as the redirect URI at the provider.
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "")
OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 10)
if OIDC_ISSUER and not (OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too.")

# Security headers. HTTPS settings are on whenever DEBUG is off; SECURE_SSL_REDIRECT can be
# turned off behind a proxy that already redirects.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer probes each server directly over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict Content Security Policy: same-origin assets only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The REST API (/api/v1/, schema at /api/schema/, documentation at /api/docs/). Scripts sign
# in with a personal token (Account → API tokens); the documentation page uses the session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API's pages carry inline scripts that the CSP refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "30/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CICTE mandate tracker API",
    "DESCRIPTION": "Mandates, resolutions, member states, assistance requests, their updates, activities "
    "and documents, under the same access rules as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RequestStatusEnum": "states.models.RequestStatus",
        "RequestTypeEnum": "states.models.RequestType",
        "RequestAudienceEnum": "states.models.RequestUpdate.AUDIENCES",
        "LanguageEnum": "core.choices.Language",
    },
}

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_FORMATS = [
    "core.import_export_formats.CSV",
    "core.import_export_formats.XLSX",
    "core.import_export_formats.JSON",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
