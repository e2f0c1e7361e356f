"""Shopper accounts: django-allauth with email-only login, mandatory verification and rate limits.

Imported at the end of base.py, so every environment gets the same account rules. Staff keep
logging into the Wagtail admin with their username (ModelBackend); django-axes guards both doors.
"""

# base.py is still mid-import when it pulls this module in; SITE_URL is already bound there.
from .base import SITE_URL, env

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "customers:dashboard"
LOGOUT_REDIRECT_URL = "/"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out (user, IP) pairs before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Staff log into /admin/ with their username.
    "django.contrib.auth.backends.ModelBackend",
    # Shoppers log in with their email address.
    "allauth.account.auth_backends.AuthenticationBackend",
]

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming takes a POST: mail scanners that follow links must not verify addresses.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None  # the shopper decides with the "remember me" box
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Naturwest] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"

ACCOUNT_ADAPTER = "commerce.customers.adapter.ShopAccountAdapter"

# allauth's own counters (kept in the cache). Keys are per IP, per "key" or per user. For
# login_failed the key is (email, client address) (ShopAccountAdapter): failures for one account
# from one address lock only that pair, failures from one address across accounts lock the address,
# and nobody can lock a shopper out from elsewhere.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,30/h/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    # Guests finding an order to withdraw from (number + e-mail): per address and per typed order number.
    "withdrawal_lookup": "10/10m/ip,5/10m/key",
}

# Per account only a soft signal (commerce/customers/login_throttle.py): after this many failures
# within the window, from any addresses, attempts for the account are spaced a few seconds apart.
LOGIN_ACCOUNT_SLOWDOWN_AFTER = env.int("LOGIN_ACCOUNT_SLOWDOWN_AFTER", default=10)
LOGIN_ACCOUNT_SLOWDOWN_WINDOW_SECONDS = env.int("LOGIN_ACCOUNT_SLOWDOWN_WINDOW_SECONDS", default=900)
LOGIN_ACCOUNT_SLOWDOWN_SECONDS = env.int("LOGIN_ACCOUNT_SLOWDOWN_SECONDS", default=5)

# Axes keys its lockouts on (username, IP). Shoppers send an email, not a username.
AXES_USERNAME_CALLABLE = "commerce.customers.lockout.login_identifier"
# Both doors and allauth's limits count under one client address (PROVIDERS_TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "commerce.customers.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "commerce.customers.lockout.lockout_response"
