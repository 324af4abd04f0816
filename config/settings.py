"""The portal's one settings module: every deployment difference comes from the environment.

The embedded default (no variables set) needs no server: SQLite in ``var/`` and a filesystem
Celery broker (see ``config/celery.py``). ``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.logging import json_logs_wanted, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Runtime state (SQLite file, Celery folders, uploads) lives outside the source tree's code.
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

DEVELOPMENT_SECRET_KEY = "insecure-development-key-never-use-in-production"
# Keys that have been published (old docker-compose default, the development key, examples).
KNOWN_WEAK_SECRET_KEYS = frozenset(
    {DEVELOPMENT_SECRET_KEY, "change-me-in-production", "build-only", "secret", "changeme"}
)


def weak_secret_key_reason(key: str) -> str | None:
    """Why ``key`` must not sign a production portal's sessions, or None if it is strong.

    The same bar as ``check --deploy`` (security.W009), plus the keys that are public."""
    if key in KNOWN_WEAK_SECRET_KEYS:
        return "it is a published example key"
    if key.startswith(SECRET_KEY_INSECURE_PREFIX):
        return f"it starts with {SECRET_KEY_INSECURE_PREFIX!r}"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"it is shorter than {SECRET_KEY_MIN_LENGTH} characters"
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"it has fewer than {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different characters"
    return None


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not DEBUG:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    if reason := weak_secret_key_reason(SECRET_KEY):
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is too weak for DJANGO_DEBUG=0: {reason}. Make one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
elif not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules",
    "mptt",
    "simple_history",
    "django_htmx",
    "csp",
    "health_check",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    # Failed logins counted per user and per address (orgchart/lockout.py).
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Dependency order: coordination -> orgchart -> regulations, never the other way.
    "regulations",
    "orgchart",
    "coordination",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The request's log line times everything below, static files included.
    "config.middleware.RequestLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Ends a session opened before the user's last "log out everywhere" (orgchart/sessions.py).
    "orgchart.sessions.SessionEpochMiddleware",
    # Times on every page in the user's region's zone (WIB/WITA/WIT), not the server's.
    "orgchart.middleware.RegionTimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a lockout on the login pages into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each coordination workflow keeps its templates in its own package.
        "DIRS": [BASE_DIR / "templates", *sorted(BASE_DIR.glob("coordination/*/templates"))],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The menu: the entries the user's role may use, grouped.
                "coordination.desk.navigation.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"


def database_config() -> dict:
    """PostgreSQL (psycopg 3) from DATABASE_URL, else the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "portal.sqlite3",
        "OPTIONS": {
            # BEGIN IMMEDIATE takes the write lock at the start of every atomic block, so
            # two writers queue instead of failing mid-transaction ("database is locked").
            # This is the SQLite half of the per-region tree lock (orgchart/locking.py).
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        # A file, not :memory:, so that threaded tests exercise real SQLite locking.
        "TEST": {"NAME": VAR_DIR / "test-portal.sqlite3"},
    }


DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Object permissions come only from the predicates in */permissions.py (deny by default).
    "rules.permissions.ObjectPermissionBackend",
    # First to authenticate: refuses a locked user or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "orgchart.auth.LoginOnlyBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# A session lasts a working day; "log out everywhere" ends all of a user's sessions.
SESSION_COOKIE_AGE = int(float(os.environ.get("PORTAL_SESSION_HOURS", "10")) * 3600)

# Brute force (django-axes, orgchart/lockout.py): failures are counted per user and per
# address, on the login page, the admin and HTTP Basic alike; past the limit, logging in as
# that user or from that address is refused for the cool-off, and the lock is logged.
AXES_ENABLED = env_bool("PORTAL_LOCKOUT_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("PORTAL_LOCKOUT_MINUTES", "30")))
# Each counted on its own: "username" locks the account, "ip_address" the address.
AXES_LOCKOUT_PARAMETERS = env_list("PORTAL_LOCKOUT_BY", ["username", "ip_address"])
AXES_RESET_ON_SUCCESS = True
# Attempts during the lock are refused unchecked, so they need not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "orgchart.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "orgchart.lockout.client_address"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
# Behind a TLS-terminating proxy: how many proxies append to X-Forwarded-For (0: none, the
# client's address is REMOTE_ADDR). Used for the lockout and the API's anonymous rate alike.
PORTAL_TRUSTED_PROXIES = int(os.environ.get("PORTAL_TRUSTED_PROXIES", "0"))

# API tokens (orgchart.ApiToken): the default and the longest validity, in days.
PORTAL_API_TOKEN_DAYS = int(os.environ.get("PORTAL_API_TOKEN_DAYS", "90"))
PORTAL_API_TOKEN_MAX_DAYS = int(os.environ.get("PORTAL_API_TOKEN_MAX_DAYS", "365"))
# API request rates (orgchart/throttles.py), e.g. "120/min"; empty: no limit.
PORTAL_API_ANON_RATE = os.environ.get("PORTAL_API_ANON_RATE", "120/min") or None
PORTAL_API_USER_RATE = os.environ.get("PORTAL_API_USER_RATE", "1200/min") or None

# Bahasa Indonesia first, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Dates, times and numbers as each language writes them (09.00 and 1.234 in Bahasa Indonesia);
# templates show times through orgchart's ``regional`` filters, with the region's zone.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Uploads are private: kept outside the web root and served only through permission checks.
MEDIA_ROOT = Path(os.environ.get("PORTAL_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = None

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
        if os.environ.get("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Notices go through the region's SMTP relay once EMAIL_HOST is set; else to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "587")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or "30")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal-koordinasi@localhost")

REST_FRAMEWORK = {
    # drf-spectacular's, plus the 404 and 429 every endpoint may answer.
    "DEFAULT_SCHEMA_CLASS": "apitools.schema.PortalSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "orgchart.auth.LockoutBasicAuthentication",
        "orgchart.auth.ApiTokenAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "orgchart.throttles.AnonymousRate",
        "orgchart.throttles.CallerRate",
    ],
    "NUM_PROXIES": PORTAL_TRUSTED_PROXIES,
    # Deny by default: each public endpoint opts in explicitly.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Portal Koordinasi Pemerintah Daerah API",
    "DESCRIPTION": "Open data on the coordination structure of Indonesian local governments.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Government intranets are offline: Swagger UI and ReDoc come from the sidecar package.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Portal defaults for regions whose regulation sets no figure; each is shown as
# "no legal deadline" where it acts (regulations/answers.py).
# Working days after the due date before an overdue follow-up goes to the Sekda.
PORTAL_ESCALATION_DAYS = int(os.environ.get("PORTAL_ESCALATION_DAYS", "2"))
# Largest upload (evidence, report attachments), in megabytes.
PORTAL_MAX_UPLOAD_MB = int(os.environ.get("PORTAL_MAX_UPLOAD_MB", "10"))
PORTAL_HOSTNAME = os.environ.get("PORTAL_HOSTNAME", "portal.local")
# The undangan's letter number: the archive classification code, the next number of the
# region's yearly sequence, the issuing office and the year (e.g. 005/012/Setda/2026).
PORTAL_LETTER_NUMBER_FORMAT = os.environ.get(
    "PORTAL_LETTER_NUMBER_FORMAT", "{classification}/{number:03d}/Setda/{year}"
)
PORTAL_INVITATION_CLASSIFICATION = os.environ.get("PORTAL_INVITATION_CLASSIFICATION", "005")
# Written reports: the cadence where the text says only "berkala", and the working days after a
# period ends before its report is late, where the text sets none.
PORTAL_REPORT_CADENCE = os.environ.get("PORTAL_REPORT_CADENCE", "quarterly")
PORTAL_REPORT_DUE_DAYS = int(os.environ.get("PORTAL_REPORT_DUE_DAYS", "10"))

PORTAL_RULE_DEFAULTS = {
    "follow_up_deadline": {"working_days": int(os.environ.get("PORTAL_FOLLOW_UP_DAYS", "5"))},
    "urgent_decision_report": {
        "working_days": int(os.environ.get("PORTAL_URGENT_REPORT_DAYS", "1"))
    },
}

SIMPLE_HISTORY_REVERT_DISABLED = True

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS only once DEBUG is off: redirect, then tell browsers to never try plain HTTP again.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS") or (0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Behind nginx or a load balancer that ends TLS and sets X-Forwarded-Proto (and strips any
# X-Forwarded-Proto a client sent): only then may Django trust that header.
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Scripts and styles only from the portal's own static files: no inline script, no inline
# style, no other host (government intranets are offline anyway). htmx's own indicator style
# is off (templates/base.html) and lives in portal.css. The API docs relax styles only
# (config/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# JSON lines in production (or LOG_FORMAT=json), text in development; secrets redacted in both.
LOG_JSON = json_logs_wanted(os.environ)
LOGGING = logging_config(json_lines=LOG_JSON, level=os.environ.get("LOG_LEVEL", "INFO"))
# One line per request (config/middleware.py) where runserver does not log them already.
PORTAL_REQUEST_LOG = env_bool("PORTAL_REQUEST_LOG", LOG_JSON)
