"""Settings read from the environment: typed helpers, and production refusing to start without secrets."""

from __future__ import annotations

import importlib
import sys

import pytest

from portal.settings.env import env_bool, env_int, env_list, env_str

VAR = "PORTAL_TEST_SETTING"


@pytest.fixture(autouse=True)
def clean_var(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)


@pytest.mark.parametrize("raw", ["1", "true", "True", "YES", "on", " true "])
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, default=False) is True


@pytest.mark.parametrize("raw", ["0", "false", "FALSE", "no", "off", ""])
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, default=True) is False


def test_env_bool_uses_the_default_when_unset():
    assert env_bool(VAR, default=True) is True
    assert env_bool(VAR) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "y", "enabled"])
def test_env_bool_refuses_anything_else_with_a_clear_message(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ValueError, match=rf"{VAR} must be a boolean .* not '{raw}'"):
        env_bool(VAR)


def test_env_int_reads_whole_numbers(monkeypatch):
    monkeypatch.setenv(VAR, "31536000")
    assert env_int(VAR, 0) == 31536000
    monkeypatch.setenv(VAR, " -5 ")
    assert env_int(VAR, 0) == -5


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_env_int_uses_the_default_when_unset_or_empty(monkeypatch, raw):
    if raw is not None:
        monkeypatch.setenv(VAR, raw)
    assert env_int(VAR, 60) == 60


@pytest.mark.parametrize("raw", ["maybe", "1.5", "60s", "sixty"])
def test_env_int_refuses_anything_else_with_a_clear_message(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ValueError, match=rf"{VAR} must be a whole number, not '{raw}'"):
        env_int(VAR, 0)


def test_env_list_splits_on_commas_and_trims(monkeypatch):
    monkeypatch.setenv(VAR, " portal.example , www.portal.example,,")
    assert env_list(VAR) == ["portal.example", "www.portal.example"]


def test_env_list_default_is_copied_not_shared():
    default = ["localhost"]
    result = env_list(VAR, default)
    result.append("changed")
    assert default == ["localhost"]
    assert env_list(VAR) == []


def test_env_list_set_but_empty_is_an_empty_list(monkeypatch):
    monkeypatch.setenv(VAR, "")
    assert env_list(VAR, ["localhost"]) == []


def test_env_str(monkeypatch):
    assert env_str(VAR, "fallback") == "fallback"
    monkeypatch.setenv(VAR, "value")
    assert env_str(VAR, "fallback") == "value"


# --- Production settings ---------------------------------------------------------------------


def import_fresh(module: str):
    sys.modules.pop(module, None)
    try:
        return importlib.import_module(module)
    finally:
        sys.modules.pop(module, None)  # never leave production settings behind for other tests


def test_production_settings_refuse_to_load_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    with pytest.raises(KeyError, match="SECRET_KEY"):
        import_fresh("portal.settings.production")


def test_production_settings_are_secure_by_default(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-value-from-the-environment")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "BEHIND_PROXY", "EMAIL_USE_TLS"):
        monkeypatch.delenv(name, raising=False)

    production = import_fresh("portal.settings.production")

    assert production.SECRET_KEY == "a-long-random-value-from-the-environment"
    assert production.DEBUG is False
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
    assert production.SECURE_PROXY_SSL_HEADER is None


def test_production_settings_reject_a_misspelt_boolean(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-value-from-the-environment")
    monkeypatch.setenv("SECURE_COOKIES", "maybe")

    with pytest.raises(ValueError, match="SECURE_COOKIES must be a boolean"):
        import_fresh("portal.settings.production")


def test_production_trusts_the_proxy_header_only_when_told_to(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-value-from-the-environment")
    monkeypatch.setenv("BEHIND_PROXY", "true")

    production = import_fresh("portal.settings.production")

    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
