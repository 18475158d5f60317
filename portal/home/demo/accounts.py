"""The demo's logins: an administrator, an editor, an approver, a school safeguarding lead (who reads
two demo schools' pupil reports), a partnership analyst (the hotspot map) and a location risk
officer (the queue of location requests).

Passwords come from ``DEMO_PASSWORD`` when it is set (the same one for every user). Otherwise each
user gets a random password, generated once and kept in a file readable only by its owner
(``.demo-login`` at the project root, which git ignores), so that later runs print the same logins.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group

from portal.location_requests.roles import OFFICERS
from portal.reporting.roles import ANALYSTS, SAFEGUARDING_LEADS

from ..roles import APPROVERS, EDITORS

PASSWORD_ENV = "DEMO_PASSWORD"  # noqa: S105 (the name of the variable, not a password)
EMAIL_DOMAIN = "eastbrookscp.example"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    group: str | None = None
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Alex", "Morgan", "Admin", superuser=True),
    DemoUser("editor", "Sam", "Okafor", "Editor", group=EDITORS),
    DemoUser("approver", "Priya", "Shah", "Approver", group=APPROVERS),
    DemoUser("lead", "Chris", "Adeyemi", "School safeguarding lead", group=SAFEGUARDING_LEADS),
    DemoUser("analyst", "Morgan", "Reid", "Partnership analyst", group=ANALYSTS),
    DemoUser("officer", "Jordan", "Ellis", "Location risk officer", group=OFFICERS),
)


def saved_passwords(path: Path) -> dict[str, str]:
    """The passwords kept in the login file; an unreadable or missing file counts as empty."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    if not isinstance(saved, dict):
        return {}
    return {str(key): value for key, value in saved.items() if isinstance(value, str) and value}


def _write_private(path: Path, passwords: Mapping[str, str]) -> None:
    """Write the file so that only its owner can read it, even for a moment."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(dict(passwords), handle, indent=2, sort_keys=True)
        handle.write("\n")
    os.chmod(path, 0o600)  # an existing file keeps its old mode through os.open


@dataclass(frozen=True)
class DemoLogins:
    passwords: dict[str, str]
    source: str  # where the passwords came from, to tell the person running the command


def demo_passwords(login_file: Path, environ: Mapping[str, str] | None = None) -> DemoLogins:
    """Each demo user's password: from the environment, from the login file, or new (and saved)."""
    environ = os.environ if environ is None else environ
    shared = environ.get(PASSWORD_ENV, "")
    if shared:
        return DemoLogins({user.username: shared for user in DEMO_USERS}, f"the {PASSWORD_ENV} environment variable")
    saved = saved_passwords(login_file)
    passwords = {user.username: saved.get(user.username) or secrets.token_urlsafe(12) for user in DEMO_USERS}
    if not login_file.exists() or any(saved.get(name) != password for name, password in passwords.items()):
        _write_private(login_file, passwords)
    elif login_file.stat().st_mode & 0o077:
        os.chmod(login_file, 0o600)
    return DemoLogins(passwords, str(login_file))


def ensure_user(spec: DemoUser, password: str) -> AbstractBaseUser:
    """Create or update one demo user; the password is only reset when it has changed."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=spec.username).first()
    created = user is None
    if created:
        user = user_model.objects.create_user(username=spec.username, password=password)
    wanted = {
        "first_name": spec.first_name,
        "last_name": spec.last_name,
        "email": spec.email,
        "is_active": True,
        "is_staff": spec.superuser,
        "is_superuser": spec.superuser,
    }
    changed = [field for field, value in wanted.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, wanted[field])
    if not created and not user.check_password(password):  # a deliberately slow hash: one per user
        user.set_password(password)
        changed.append("password")
    if changed:
        user.save(update_fields=changed)
    groups = [Group.objects.get(name=spec.group)] if spec.group else []
    if set(user.groups.all()) != set(groups):
        user.groups.set(groups)
    return user


def ensure_users(passwords: Mapping[str, str]) -> dict[str, AbstractBaseUser]:
    return {spec.username: ensure_user(spec, passwords[spec.username]) for spec in DEMO_USERS}
