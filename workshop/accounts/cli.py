"""`flask user create-admin`: the first account of a new installation."""

import click
from flask.cli import AppGroup

from workshop.accounts.models import User
from workshop.accounts.services import find_user_by_email, normalise_email
from workshop.extensions import db

user_cli = AppGroup("user", help="Manage accounts.")


@user_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Site administrator")
@click.password_option()
def create_admin(email, name, password):
    """Create a site administrator, or make an existing account one."""
    address = normalise_email(email)
    user = find_user_by_email(address) or User(email=address, name=name)
    user.is_admin = True
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"{address} is a site administrator.")
