"""Locust users for Jobbrygga: jobseekers browsing suggestions, employers posting, caseworkers working the queue.

Accounts and the caseworkers' TOTP key come from tests/loadtest/generate.py. Each simulated user logs in once
with an account of its own. Every response's status code (redirects included) is counted and written to
$LOADTEST_STATUS_FILE as JSON when Locust stops.
"""
import itertools
import json
import os
import random
import re
from collections import Counter
from datetime import date, timedelta

import pyotp
from locust import HttpUser, between, events, task

from tests.loadtest.generate import LOADTEST_PASSWORD, LOADTEST_TOTP_SECRET, email

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
ONCE = re.compile(r'name="once" type="hidden" value="([^"]+)"')
JOBSEEKERS = int(os.environ.get("LOADTEST_JOBSEEKERS", "20000"))
EMPLOYERS = int(os.environ.get("LOADTEST_EMPLOYERS", "1000"))
CASEWORKERS = int(os.environ.get("LOADTEST_CASEWORKERS", "200"))
SEARCHES = ["lag", "under", "svets", "kock", "elektr", "städ", "barn", "förs", "truck", "vård", "bager", "måla"]
STATUS: Counter = Counter()
_accounts = {kind: itertools.count(random.randrange(1000)) for kind in ("seeker", "employer", "caseworker")}


@events.request.add_listener
def _count(response=None, exception=None, **_):
    if response is None or getattr(response, "status_code", 0) == 0:
        STATUS[f"no response ({type(exception).__name__})"] += 1
        return
    for step in [*getattr(response, "history", []), response]:
        STATUS[str(step.status_code)] += 1


@events.quitting.add_listener
def _write(**_):
    path = os.environ.get("LOADTEST_STATUS_FILE")
    if path:
        with open(path, "w") as out:
            json.dump(dict(STATUS), out)


def csrf(page) -> str | None:
    """The form's CSRF token, or None when the page is not the form (503 busy, a redirect's target)."""
    found = CSRF.search(page.text) if page.status_code == 200 else None
    return (found.group(1) or found.group(2)) if found else None


class _Member(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    kind, count = "seeker", JOBSEEKERS

    def on_start(self):
        """Log in; a person turned away (busy: 503) waits a moment and tries again, as people do."""
        self.account = email(self.kind, next(_accounts[self.kind]) % self.count)
        while not self.login():
            self.wait()

    def login(self) -> bool:
        page = self.client.get("/auth/login", name="/auth/login")
        token = csrf(page)
        if token is None:
            return False
        response = self.client.post("/auth/login", name="/auth/login [POST]", allow_redirects=False, data={
            "csrf_token": token, "email": self.account, "password": LOADTEST_PASSWORD})
        if response.status_code != 302:
            return False
        if not response.headers["Location"].endswith("/auth/two-factor"):
            return True
        page = self.client.get("/auth/two-factor", name="/auth/two-factor")
        token = csrf(page)
        if token is None:
            return False
        response = self.client.post("/auth/two-factor", name="/auth/two-factor [POST]", allow_redirects=False,
                                    data={"csrf_token": token, "code": pyotp.TOTP(LOADTEST_TOTP_SECRET).now()})
        return response.status_code == 302

    def submit(self, page_url: str, url: str, data: dict, name: str):
        page = self.client.get(page_url, name=page_url)
        token = csrf(page)
        if token:  # all hidden fields, as a browser sends them: the CSRF token and the one-time form token
            once = ONCE.search(page.text)
            return self.client.post(url, data={"csrf_token": token, "once": once.group(1) if once else "", **data},
                                    name=name)
        return None


class Jobseeker(_Member):
    weight = 6
    kind, count = "seeker", JOBSEEKERS

    @task(5)
    def suggestions(self):
        self.client.get("/me/", name="/me/")

    @task(1)
    def profile(self):
        self.client.get("/me/profile", name="/me/profile")

    @task(2)
    def search(self):
        self.client.get("/concepts/search", params={"type": "occupation", "q": random.choice(SEARCHES)},
                        name="/concepts/search")

    @task(1)
    def start_page(self):
        self.client.get("/", name="/")


class Employer(_Member):
    weight = 2
    kind, count = "employer", EMPLOYERS

    @task(4)
    def home(self):
        page = self.client.get("/organisation/", name="/organisation/")
        self.opportunities = re.findall(r'/organisation/opportunities/(\d+)"', page.text) or [None]

    @task(3)
    def view_opportunity(self):
        chosen = random.choice(getattr(self, "opportunities", [None]))
        if chosen:
            self.client.get(f"/organisation/opportunities/{chosen}", name="/organisation/opportunities/[id]")

    @task(1)
    def post_opportunity(self):
        start = date.today() + timedelta(weeks=random.randint(3, 10))
        self.submit("/organisation/opportunities/new", "/organisation/opportunities/new", {
            "kind": "trainee_job", "title": f"Trainee lagerarbetare {random.randrange(10**6)}",
            "description": "Plock och pack på lager, truckkort under traineetiden.", "occupation": "Lagerarbetare",
            "leads_to": "", "skills_required": "", "min_swedish": "A2", "municipality_code": "1980", "seats": "2",
            "start_date": start.isoformat(), "deadline": (start - timedelta(days=7)).isoformat()},
            name="/organisation/opportunities/new [POST]")


class Caseworker(_Member):
    weight = 2
    kind, count = "caseworker", CASEWORKERS

    @task(4)
    def queue(self):
        page = self.client.get("/caseworker/", name="/caseworker/")
        self.matches = re.findall(r'/caseworker/matches/(\d+)/decide"', page.text)
        self.people = re.findall(r'/caseworker/people/(\d+)"', page.text)
        self.token = csrf(page)

    @task(2)
    def decide(self):
        matches = getattr(self, "matches", None)
        if matches and self.token:
            match_id = matches.pop(random.randrange(len(matches)))
            decision = random.choice(("approved", "rejected"))
            self.client.post(f"/caseworker/matches/{match_id}/decide", name="/caseworker/matches/[id]/decide",
                             data={"csrf_token": self.token, "decision": decision,
                                   "reason": "skills" if decision == "rejected" else "", "note": ""})

    @task(1)
    def person(self):
        people = getattr(self, "people", None)
        if people:
            self.client.get(f"/caseworker/people/{random.choice(people)}", name="/caseworker/people/[id]")

    @task(1)
    def people_list(self):
        self.client.get("/caseworker/people", name="/caseworker/people")
