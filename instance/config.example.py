# Copy to instance/config.py and fill in. Environment variables of the same names win over this file.
# Everything in instance/ except this example is ignored by git: keep secrets here or in the environment.

# Signs session cookies and CSRF tokens. Generate one with:
#   python -c "import secrets; print(secrets.token_hex(32))"
SECRET_KEY = ""

# Klarna Order Management API: a preset (eu-playground, eu-live, na-playground, na-live,
# oc-playground, oc-live) or a URL. The header badge shows sandbox / playground / live.
KLARNA_API_URL = "eu-playground"
KLARNA_USERNAME = ""  # the merchant's API username (Merchant Portal > Settings > API credentials)
KLARNA_PASSWORD = ""

# Our own database (staff accounts, audit log). Default: SQLite file instance/backoffice.sqlite3.
# DATABASE_URL = "postgresql://backoffice@db.internal/backoffice"

# Login throttling store: memory by default; with several processes or hosts use Redis.
# RATELIMIT_STORAGE_URI = "redis://localhost:6379/0"
# LOGIN_LIMIT_PER_ACCOUNT = "5/minute"
# LOGIN_LIMIT_PER_ADDRESS = "20/minute"

# Sessions: hours from sign-in until staff must sign in again; cookies only over HTTPS.
# SESSION_LIFETIME_HOURS = 8
# SESSION_COOKIE_SECURE = True

# Number of reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host to trust.
# TRUSTED_PROXIES = 1
