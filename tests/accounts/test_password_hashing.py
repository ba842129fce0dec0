"""New passwords are hashed at one of OWASP's minimums for scrypt, in 8 MiB instead of Werkzeug's default 32.

The suite hashes with one PBKDF2 round (tests/conftest.py); this looks at the real setting in a process
of its own, where nothing is patched, and at the memory a hash takes there.
"""

import json
import subprocess
import sys
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from workshop.accounts.models import User

PROJECT = Path(__file__).resolve().parents[2]
HASH_ONCE = """
import json, re
from pathlib import Path
from workshop.accounts.models import hash_password

def peak_mib():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)) / 1024

before = peak_mib()
made = hash_password("correct horse battery staple")
print(json.dumps({"hash": made, "grown_mib": peak_mib() - before}))
"""


def hash_made_by_the_real_setting():
    finished = subprocess.run(
        [sys.executable, "-c", HASH_ONCE], cwd=PROJECT, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(finished.stdout.splitlines()[-1])


def test_a_new_password_is_hashed_with_scrypt_at_an_owasp_minimum_in_8_mib():
    made = hash_made_by_the_real_setting()

    method, _salt, _digest = made["hash"].split("$")
    assert method == "scrypt:8192:8:10"  # N = 2^13, r = 8, p = 10
    assert check_password_hash(made["hash"], "correct horse battery staple")
    # scrypt's working memory is 128 * r * N bytes: 8 MiB here, 32 MiB at Werkzeug's default.
    assert 6 < made["grown_mib"] < 14


def test_a_password_hashed_with_werkzeug_s_default_before_this_setting_still_matches():
    user = User(email="older@example.org", password_hash=generate_password_hash("older", method="scrypt:32768:8:1"))

    assert user.check_password("older")
    assert not user.check_password("another")
