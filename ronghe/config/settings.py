"""Ronghe settings. Everything a deployment changes comes from environment variables (see README)."""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the ronghe package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("RONGHE_VAR_DIR", PROJECT_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("RONGHE_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # Created once, readable by the owner only; O_EXCL so two processes starting together agree.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(50))
        except FileExistsError:
            pass
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("RONGHE_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("RONGHE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("RONGHE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ronghe.core",
    "ronghe.timeline",
    "ronghe.org",
    "ronghe.workflow",
    "ronghe.messaging",
    "ronghe.documents",
    "ronghe.web",
    "ronghe.partners",
    "ronghe.products",
    "ronghe.inventory",
    "ronghe.accounting",
    "ronghe.oaforms",
    "ronghe.sales",
    "ronghe.purchasing",
    "ronghe.crm",
    "ronghe.meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ronghe.core.middleware.CompanyMiddleware",
    "ronghe.core.apikit.IdempotencyMiddleware",
    "ronghe.web.middleware.DomainErrorPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ronghe.config.urls"
WSGI_APPLICATION = "ronghe.config.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ronghe.web.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default: WAL so readers never block the writer, synchronous=FULL so a
# committed voucher survives a power cut, IMMEDIATE transactions + busy timeout so concurrent
# writers queue instead of failing with "database is locked".
SQLITE_PATH = VAR_DIR / "ronghe.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL and not DATABASE_URL.startswith("sqlite"):
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    path = dj_database_url.parse(DATABASE_URL)["NAME"] if DATABASE_URL else str(SQLITE_PATH)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=30000; PRAGMA cache_size=-32000;"
                ),
            },
            "TEST": {"NAME": os.environ.get("RONGHE_TEST_SQLITE") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every process: cache and sessions live in the database (or Redis if configured).
if redis_url := os.environ.get("RONGHE_REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ronghe_cache"}
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = env_bool("RONGHE_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ---------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("RONGHE_LANGUAGE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "ronghe_language"

# --- Files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("RONGHE_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("RONGHE_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["RONGHE_S3_BUCKET"],
            "endpoint_url": os.environ.get("RONGHE_S3_ENDPOINT") or None,
        },
    }
TESTING = "pytest" in sys.modules
if TESTING:  # tests do not run collectstatic
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# seconds between two seals of the audit log per process (rows are written in the business transaction and
# chained into the hash chain in batches; 0 = right after every commit)
RONGHE_AUDIT_SEAL_INTERVAL = float(os.environ.get("RONGHE_AUDIT_SEAL_INTERVAL", "1"))
# Workers beat every few seconds; the tasks of a worker silent for RONGHE_WORKER_DEAD_SECONDS go back to the
# queue (core.workers), at most RONGHE_TASK_MAX_CLAIMS workers in all per task.
RONGHE_WORKER_BEAT_SECONDS = float(os.environ.get("RONGHE_WORKER_BEAT_SECONDS", "10"))
RONGHE_WORKER_DEAD_SECONDS = float(os.environ.get("RONGHE_WORKER_DEAD_SECONDS", "60"))
RONGHE_TASK_MAX_CLAIMS = int(os.environ.get("RONGHE_TASK_MAX_CLAIMS", "3"))
RONGHE_ATTACHMENT_MAX_BYTES = int(os.environ.get("RONGHE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024))

# --- E-mail --------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("RONGHE_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("RONGHE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("RONGHE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RONGHE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("RONGHE_EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("RONGHE_EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("RONGHE_EMAIL_FROM", "ronghe@localhost")
RONGHE_BASE_URL = os.environ.get("RONGHE_BASE_URL", "").rstrip("/")
# The document library: the largest file, and the space of one company (versions included).
RONGHE_DOCUMENT_MAX_BYTES = int(os.environ.get("RONGHE_DOCUMENT_MAX_MB", "100")) * 1024 * 1024
RONGHE_DOCUMENT_QUOTA_BYTES = int(os.environ.get("RONGHE_DOCUMENT_QUOTA_MB", "10240")) * 1024 * 1024
RONGHE_MEETING_REMIND_MINUTES = int(os.environ.get("RONGHE_MEETING_REMIND_MINUTES", "15"))
# The mail gateway (`ronghe mail-gateway`): replies come back to reply+<token>@RONGHE_MAIL_DOMAIN.
RONGHE_MAIL_DOMAIN = os.environ.get("RONGHE_MAIL_DOMAIN", "")
RONGHE_MAIL_GATEWAY_PORT = int(os.environ.get("RONGHE_MAIL_GATEWAY_PORT", "2525"))
RONGHE_IMAP_HOST = os.environ.get("RONGHE_IMAP_HOST", "")
RONGHE_IMAP_USER = os.environ.get("RONGHE_IMAP_USER", "")
RONGHE_IMAP_PASSWORD = os.environ.get("RONGHE_IMAP_PASSWORD", "")
RONGHE_IMAP_FOLDER = os.environ.get("RONGHE_IMAP_FOLDER", "INBOX")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# --- Background tasks ----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Security and login --------------------------------------------------------------------
RONGHE_LOGIN_MAX_FAILURES = int(os.environ.get("RONGHE_LOGIN_MAX_FAILURES", "5"))
RONGHE_LOGIN_LOCK_MINUTES = int(os.environ.get("RONGHE_LOGIN_LOCK_MINUTES", "15"))
# SAMEORIGIN, not DENY: the document library previews PDFs and images in a frame of its own pages.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("RONGHE_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if SESSION_COOKIE_SECURE:  # an HTTPS deployment: browsers keep to HTTPS, plain HTTP is redirected
    SECURE_HSTS_SECONDS = int(os.environ.get("RONGHE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("RONGHE_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool(
        "RONGHE_HSTS_PRELOAD", True
    )  # the header only; listing is a separate request
    SECURE_SSL_REDIRECT = env_bool("RONGHE_SSL_REDIRECT", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RONGHE_LOG_LEVEL", "WARNING")},
}

RONGHE_NAV_TITLE = _("Ronghe")
