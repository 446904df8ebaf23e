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
``LETAPIS_HTTPS``      ``1`` when the site is served over TLS (a proxy in front of ``letapis serve``):
                       cookies only over HTTPS, HSTS, plain HTTP redirected (docs/deployment.md)
``LETAPIS_HSTS_PRELOAD`` ``1`` to add ``preload`` to HSTS (only once the domain is to be preloaded)
``LETAPIS_TRUSTED_PROXIES`` addresses or networks of the proxies in front of ``letapis serve``, comma-
                       separated; default ``127.0.0.1,::1``: only from these is ``X-Forwarded-For`` read
``LETAPIS_FIELD_KEY``  key(s) of the fields encrypted at rest; or ``LETAPIS_FIELD_KEY_FILE``; default
                       a key generated once into ``DATA_DIR/field_key``
``LETAPIS_SILENT_DAYS`` days without a recorded contact after which a held person is on the "silent"
                       watch list (letapis.following.watch); default 60
``LETAPIS_SITE_URL``   the site's address (``https://letapis.example.org``): the base of the links in
                       emails (the weekly digest, alerts); default none (links relative to the site)
``LETAPIS_EMAIL_BACKEND`` Django's email backend; default SMTP (``EMAIL_HOST``/``EMAIL_PORT`` below)
``LETAPIS_EMAIL_HOST``, ``LETAPIS_EMAIL_PORT`` the SMTP server; default ``localhost``, ``25``
``LETAPIS_EMAIL_FROM`` the sender of the emails; default ``letapis@localhost``

Errors of the server (a 500 with its traceback) are logged to stderr and to ``DATA_DIR/letapis.log``
(:mod:`letapis.logs`).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.csp import CSP

from letapis.conf import (
    data_dir_from_env,
    database_from_env,
    env_bool,
    env_int,
    env_list,
    env_networks,
    field_keys_from_env,
    secret_key_from_env,
)
from letapis.logs import logging_config

DATA_DIR = data_dir_from_env()
SECRET_KEY = secret_key_from_env(DATA_DIR)
# Keys of the fields encrypted at rest (letapis.crypto): kept outside the database and its backups.
FIELD_KEYS = field_keys_from_env(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
LOGGING = logging_config(DATA_DIR / "letapis.log")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",  # two-factor login: the verified-device state of a session
    "django_otp.plugins.otp_totp",  # TOTP devices (authenticator apps), required for editors and admins
    "axes",  # login throttling: failed attempts are counted and a username/address is locked out
    "letapis.accounts",
    "letapis.audit",
    "letapis.registry",
    "letapis.reports",
    "letapis.review",
    "letapis.following",
    "letapis.custody",
    "letapis.search",  # full-text search over sources and claims
    "ninja",  # its static files: the API docs page works offline
    "letapis.api",
    "letapis.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # SECURE_CSP below, on every answer
    "letapis.api.errors.JsonErrorsMiddleware",  # errors under /api/ are JSON, never an HTML page
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): logged in with the second factor
    "letapis.web.access.NoStoreMiddleware",  # Cache-Control: no-store on every answer but public anonymous ones
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a locked-out login with the lockout page (last, as axes asks)
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username/address before checking
    "django.contrib.auth.backends.ModelBackend",
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
                "django.template.context_processors.csp",  # {{ csp_nonce }} for an inline script, if one is needed
                "letapis.web.context.web",  # user_can (roles), the names switch
            ],
        },
    },
]

DATABASES = {"default": database_from_env(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("be", "Беларуская"), ("ru", "Русский")]
# the project's translations win over Django's own where both translate a string ("Log in",
# "Filter"): Django's Belarusian is in the classical orthography, the interface's is standard.
# Next, Django's own strings (admin, forms) rewritten in the standard orthography
# (bin/django-be-standard, letapis.web.orthography): one Belarusian throughout.
LOCALE_PATHS = [
    Path(__file__).resolve().parent / "web" / "locale",
    Path(__file__).resolve().parent / "web" / "locale_django",
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
SOURCES_DIR = DATA_DIR / "sources"

# Following (letapis.following.watch): a held person with no contact recorded (a letter, a
# lawyer's or a family visit, a court appearance) for more than this many days is "silent".
SILENT_DAYS = env_int("LETAPIS_SILENT_DAYS", 60, minimum=1, maximum=3650)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",  # new and changed passwords
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # older hashes still verify, and are upgraded at login
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: the login page (password, then the TOTP code for editors and admins, see
# letapis.web.accounts); sessions end after 8 hours or when the browser closes.
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
OTP_TOTP_ISSUER = "Letapis"
# Five failed logins for one username from one address lock that pair out for an hour: the
# address that guessed is locked, not the account. The address is the client's, read from
# X-Forwarded-For only when the request came through a trusted proxy (letapis.accounts.client).
TRUSTED_PROXIES = env_networks("LETAPIS_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
AXES_CLIENT_IP_CALLABLE = "letapis.accounts.client.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/accounts/locked.html"
AXES_VERBOSE = False

# Security (docs/security.md). The policy allows scripts and styles from this site only (a
# script inline needs {{ csp_nonce }}); styles may be inline because the SVG charts drawn into the
# pages carry style attributes. Images may be data: URIs (the admin's and the API docs' icons).
HTTPS = env_bool("LETAPIS_HTTPS", False)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # a link out never tells another site which record was open
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True  # forms carry the token; scripts send it from the page (X-CSRFToken)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health probe may speak plain HTTP on loopback
# behind the TLS proxy: it sets X-Forwarded-Proto (and must overwrite one sent by a client)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("LETAPIS_HSTS_PRELOAD", False)
# preloading HSTS is a decision about the whole domain, taken by the organisation, not by a default
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Email: the weekly digest and the alerts (letapis.following), through Django's mailers. Each
# recipient's email is built for them; links in it start with SITE_URL.
SITE_URL = os.environ.get("LETAPIS_SITE_URL", "").rstrip("/")
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_MAIL_BACKEND = os.environ.get("LETAPIS_EMAIL_BACKEND", _SMTP)
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": {
            "host": os.environ.get("LETAPIS_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("LETAPIS_EMAIL_PORT", "25") or "25"),
        }
        if _MAIL_BACKEND == _SMTP
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("LETAPIS_EMAIL_FROM", "letapis@localhost")
