"""A worker killed in the middle of uploads leaves files without a record; the archive heals itself.

The server runs in a child process, over the test database and upload folder. It stops forever on
uploads whose file name starts with "stall", right after their file is written and before their row
is committed; the child is then killed (SIGKILL, as the OOM killer would).
"""

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from sqlalchemy import select

from tests.factories.accounts import DEFAULT_PASSWORD
from workshop.accounts.models import ForumRoleName
from workshop.demo.sample_files import make_docx
from workshop.documents import services as document_services
from workshop.documents.models import DocumentVersion
from workshop.extensions import db

PROJECT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 120
CHILD_SERVER = """
import json, sys, threading
from werkzeug.serving import make_server
from workshop import create_app
from workshop.documents import services

name_file = services.safe_original_name

def name_file_or_hang(filename, file_type):
    if filename.startswith("stall"):
        threading.Event().wait()
    return name_file(filename, file_type)

services.safe_original_name = name_file_or_hang
server = make_server("127.0.0.1", 0, create_app(json.loads(sys.argv[1])), threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def test_files_of_uploads_killed_before_commit_are_quarantined_and_never_served(
    app,
    runner,
    database_url,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    session = create_session(forum, create_block(create_day(forum)))
    document_id = document_services.table_new_document(
        secretariat,
        session,
        "Draft",
        "paper",
        "en",
        io.BytesIO(make_docx("Draft", ["First."])),
        "draft.docx",
        "preliminary",
    ).document_id
    db.session.commit()
    folder = Path(app.config["UPLOAD_DIR"]) / "documents"
    settings = {
        "TESTING": True,
        "SECRET_KEY": "child",
        "DATABASE_URL": database_url,
        "UPLOAD_DIR": app.config["UPLOAD_DIR"],
        "CACHE_DIR": app.config["CACHE_DIR"],
        "WTF_CSRF_ENABLED": False,
        "WARM_EXPORTS_AFTER_PUBLISHING": False,
        "QUEUE_IMMEDIATE": True,
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_SERVER, json.dumps(settings)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    try:
        base = f"http://127.0.0.1:{child.stdout.readline().strip()}"
        client = requests.Session()
        client.post(
            f"{base}/account/login", data={"email": secretariat.email, "password": DEFAULT_PASSWORD}, timeout=60
        )
        url = f"{base}/f/{forum.slug}/sessions/{session.id}/documents/{document_id}/versions"
        answers = {}

        def upload(name, paragraph):
            try:
                answers[name] = client.post(
                    url,
                    data={f"version-{document_id}-status": "revised"},
                    timeout=WAIT_SECONDS,
                    files={f"version-{document_id}-file": (name, make_docx("Draft", [paragraph]))},
                    allow_redirects=False,
                ).status_code
            except requests.ConnectionError:
                answers[name] = "killed"

        uploads = [
            threading.Thread(target=upload, args=(f"ok-{number}.docx", f"Revision {number}.")) for number in range(3)
        ]
        uploads += [
            threading.Thread(target=upload, args=(f"stall-{number}.docx", "Never recorded.")) for number in range(2)
        ]
        for thread in uploads:
            thread.start()
        wait_until(lambda: len(answers) == 3 and len(list(folder.iterdir())) == 6, "three uploads done, two stalled")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    for thread in uploads:
        thread.join()

    assert sorted(map(str, answers.values())) == ["302", "302", "302", "killed", "killed"]
    recorded = set(db.session.scalars(select(DocumentVersion.stored_name)))
    assert len(recorded) == 4 and len(list(folder.iterdir())) == 6
    assert "0 file(s)" in runner.invoke(args=["documents", "sweep-orphans"]).output, "young files are left alone"

    output = runner.invoke(args=["documents", "sweep-orphans", "--grace-minutes", "0"]).output

    assert "2 file(s) without a record quarantined" in output
    assert {path.name for path in folder.iterdir()} == recorded
    quarantined = list((Path(app.config["UPLOAD_DIR"]) / "quarantine" / "documents").iterdir())
    assert len(quarantined) == 2
    client = app.test_client()
    for number in (5, 6):
        assert client.get(f"/f/{forum.slug}/documents/{document_id}/versions/{number}/download").status_code == 404
