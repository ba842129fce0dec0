"""Exports of a new release are built ahead of readers, in a process of their own."""

import subprocess

from flask.testing import FlaskClient
from sqlalchemy import select

from workshop.exports import warming
from workshop.extensions import db
from workshop.publishing.models import AgendaRelease


def test_warming_builds_every_language_so_that_readers_find_the_cache(
    app, client, bogota_forum, count_renders, monkeypatch
):
    # The command runs with Flask's own test client inside an app context, not the suite's isolated one.
    monkeypatch.setattr(app, "test_client_class", FlaskClient)
    statuses = warming.warm_exports(app, "bogota-2011", "http://localhost/")
    assert set(statuses.values()) == {200}
    assert len(count_renders) == len(app.config["LANGUAGES"])

    for language in app.config["LANGUAGES"]:
        assert client.get("/f/bogota-2011/agenda.pdf", headers={"Accept-Language": language}).status_code == 200
    assert len(count_renders) == len(app.config["LANGUAGES"]), "a reader's request rendered the PDF again"


def test_the_warm_command_reports_each_export(app, runner, bogota_forum):
    result = runner.invoke(args=["exports", "warm", "bogota-2011", "--site", "http://localhost/"])
    assert result.exit_code == 0, result.output
    assert "200 es /f/bogota-2011/agenda.pdf" in result.output


def test_publishing_starts_a_background_build_on_the_app_s_own_configuration(
    app, client, login, bogota_forum, monkeypatch
):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **options: started.append((command, options)))
    app.config["WARM_EXPORTS_AFTER_PUBLISHING"] = True
    login(client, bogota_forum.secretary)

    assert client.post("/manage/bogota-2011/releases", data={"status": "preliminary"}).status_code == 302

    [(command, options)] = started
    assert command[-4:] == ["warm", "bogota-2011", "--site", "http://localhost/"]
    assert options["env"]["WORKSHOP_DATABASE_URL"] == app.config["SQLALCHEMY_DATABASE_URI"]
    assert options["env"]["WORKSHOP_CACHE_DIR"] == app.config["CACHE_DIR"]


def test_nothing_starts_when_warming_is_switched_off(app, client, login, bogota_forum, monkeypatch):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **options: started.append(command))
    login(client, bogota_forum.secretary)
    assert client.post("/manage/bogota-2011/releases", data={"status": "preliminary"}).status_code == 302
    assert started == []
    numbers = db.session.scalars(select(AgendaRelease.number).where(AgendaRelease.forum_id == bogota_forum.forum.id))
    assert sorted(numbers) == [1, 2]
