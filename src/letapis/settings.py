"""Django settings, read from the environment.

Every value comes from an environment variable through a small typed helper that raises
``ImproperlyConfigured`` with a clear message on a bad value. Nothing secret lives in the code:
``SECRET_KEY`` (or ``SECRET_KEY_FILE``) is read from the environment, or generated once and kept in
the data folder.

Variables:

``LETAPIS_DATA_DIR``   the data folder (database file, stored sources, secret key); default ``./data``
``DATABASE_URL``       ``sqlite:///path`` or ``postgres://user@host:port/db``; default SQLite in the data folder
``SECRET_KEY``         Django's secret key; or ``SECRET_KEY_FILE``, a file that holds it
``DEBUG``              ``1``/``true``/``yes`` to turn debugging on; off by default
``ALLOWED_HOSTS``      comma-separated host names; default ``127.0.0.1,localhost``
"""

from __future__ import annotations

from letapis.conf import data_dir_from_env, database_from_env, env_bool, env_list, secret_key_from_env

DATA_DIR = data_dir_from_env()
SECRET_KEY = secret_key_from_env(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "letapis.accounts",
    "letapis.audit",
    "letapis.registry",
    "letapis.reports",
    "letapis.review",
    "ninja",  # its static files: the API docs page works offline
    "letapis.api",
    "letapis.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "letapis.api.errors.JsonErrorsMiddleware",  # errors under /api/ are JSON, never an HTML page
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

AUTH_USER_MODEL = "accounts.User"
ROOT_URLCONF = "letapis.urls"
WSGI_APPLICATION = "letapis.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {"default": database_from_env(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("be", "Беларуская"), ("ru", "Русский")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
SOURCES_DIR = DATA_DIR / "sources"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
