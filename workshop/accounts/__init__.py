"""Users, forum roles, login, invitations and password resets."""

import email_validator

# The demo forum and the test suite use addresses under the reserved .test domain (RFC 2606);
# email-validator refuses it by default, which would lock the demo accounts out of the login form.
if "test" in email_validator.SPECIAL_USE_DOMAIN_NAMES:
    email_validator.SPECIAL_USE_DOMAIN_NAMES.remove("test")
