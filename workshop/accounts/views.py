"""Sign in and out, set a password from an invitation or reset link, manage one's feed token."""

import hmac
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from workshop.accounts import services
from workshop.accounts.forms import (
    ChangePasswordForm,
    LoginForm,
    PasswordResetRequestForm,
    ProfileForm,
    SetPasswordForm,
)
from workshop.accounts.models import User
from workshop.core.confirmation import ConfirmForm, ask_first, is_confirmed, require_button
from workshop.core.refusals import commit_or_refuse
from workshop.core.security import CLEAR_SITE_DATA_AT_SIGN_OUT
from workshop.extensions import db, login_manager

blueprint = Blueprint("accounts", __name__, url_prefix="/account")
# Marks the browser of an account's owner who unlocked their sign-in from their mailbox.
TRUSTED_BROWSER_COOKIE = "workshop_trusted_browser"

login_manager.login_view = "accounts.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(cookie_id):
    """Return the account a cookie names, if the cookie carries its current session secret."""
    user_id, _, secret = cookie_id.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() and len(user_id) < 10 else None
    if user is None or not hmac.compare_digest(secret.encode(), user.session_secret.encode()):
        return None
    return user


def safe_next_url(target):
    """Return `target` if it stays on this site, else the person's own home (no open redirects)."""
    parts = urlsplit(target or "")
    if target and not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("forums.manage_index")


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        trusted = services.is_trusted_browser(request.cookies.get(TRUSTED_BROWSER_COOKIE), form.email.data)
        with commit_or_refuse() as outcome:
            user = services.authenticate(form.email.data, form.password.data, request.remote_addr, trusted)
        if outcome.refused:
            return render_template("accounts/login.html", form=form), outcome.status
        if user is None:
            flash(_("That e-mail and password do not match an account."), "error")
            return render_template("accounts/login.html", form=form), 401
        login_user(user, remember=form.remember.data)
        return redirect(safe_next_url(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


def redirect_after_sign_out():
    """Send the person home, telling the browser to forget what it kept of the site."""
    response = redirect(url_for("forums.index"))
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA_AT_SIGN_OUT
    return response


@blueprint.route("/logout", methods=["POST"])
@login_required
def logout():
    if ConfirmForm().validate_on_submit():
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect_after_sign_out()


@blueprint.route("/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    require_button()
    with commit_or_refuse():
        services.sign_out_everywhere(current_user)
    logout_user()
    flash(_("You are signed out on every device."), "info")
    return redirect_after_sign_out()


@blueprint.route("/unlock/<token>", methods=["GET", "POST"])
def unlock_sign_in(token):
    user = services.user_from_unlock_token(token)
    if user is None:
        flash(_("This link has expired or is no longer valid. Wait a few minutes, or reset your password."), "error")
        return redirect(url_for("accounts.login"))
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("accounts/unlock.html", user=user, token=token)
    with commit_or_refuse():
        cookie_value = services.trust_browser_of(user)
    flash(_("This browser may sign in to %(email)s again. Enter your password.", email=user.email), "info")
    response = redirect(url_for("accounts.login"))
    response.set_cookie(
        TRUSTED_BROWSER_COOKIE,
        cookie_value,
        max_age=current_app.config["TRUSTED_BROWSER_DURATION"],
        path=url_for("accounts.login").rsplit("/", 1)[0] + "/",
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
    return response


@blueprint.route("/password/reset", methods=["GET", "POST"])
def request_password_reset():
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        with commit_or_refuse(form):
            services.send_password_reset(form.email.data)
        flash(_("If that address has an account, a link to set a new password is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/request_reset.html", form=form)


@blueprint.route("/password/set/<token>", methods=["GET", "POST"])
def set_password(token):
    user = services.user_from_password_token(token)
    if user is None:
        flash(_("This link has expired or has already been used. Ask for a new one."), "error")
        return redirect(url_for("accounts.request_password_reset"))
    form = SetPasswordForm()
    if form.validate_on_submit():
        with commit_or_refuse(form):
            services.set_password(user, form.password.data)
        login_user(user)
        flash(_("Your password is set."), "info")
        return redirect(url_for("forums.index"))
    return render_template("accounts/set_password.html", form=form, user=user)


@blueprint.route("/", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(current_app.config["LANGUAGES"], obj=current_user, prefix="profile")
    if form.validate_on_submit():
        with commit_or_refuse(form):
            services.update_profile(current_user, form.name.data, form.preferred_language.data)
        # A language picked with ?lang= would otherwise go on overriding the one just saved.
        session.pop("lang", None)
        flash(_("Your account is saved."), "success")
        return redirect(url_for("accounts.profile"))
    return _render_profile(form, ChangePasswordForm(prefix="password"))


def _render_profile(profile_form, password_form, status=200):
    return render_template("accounts/profile.html", form=profile_form, password_form=password_form), status


@blueprint.route("/password", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm(prefix="password")
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.change_password(current_user, form.current_password.data, form.password.data)
        if not outcome.refused:
            # The new session secret signed every other device out; this one stays signed in.
            login_user(current_user._get_current_object())
            flash(_("Your password is changed."), "success")
            return redirect(url_for("accounts.profile"))
    profile_form = ProfileForm(current_app.config["LANGUAGES"], obj=current_user, prefix="profile", formdata=None)
    return _render_profile(profile_form, form, 400)


@blueprint.route("/feed-token/revoke", methods=["POST"])
@login_required
def revoke_feed_token():
    require_button()
    if not is_confirmed():
        return ask_first(
            _("Replace your calendar secret?"),
            [_("Every calendar subscribed with your current links stops receiving changes until you subscribe again.")],
            url_for("accounts.profile"),
            _("Replace my calendar secret"),
        )
    with commit_or_refuse():
        services.revoke_feed_token(current_user)
    flash(_("Your old calendar links no longer work. Subscribe again with the new one."), "info")
    return redirect(url_for("accounts.profile"))
