"""The portal's one settings module: every deployment difference comes from the environment.

The embedded default (no variables set) needs no server: SQLite in ``var/`` and a filesystem
Celery broker (see ``config/celery.py``). ``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"

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
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Dependency order: coordination -> orgchart -> regulations, never the other way.
    "regulations",
    "orgchart",
    "coordination",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Times on every page in the user's region's zone (WIB/WITA/WIT), not the server's.
    "orgchart.middleware.RegionTimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal-koordinasi@localhost")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
