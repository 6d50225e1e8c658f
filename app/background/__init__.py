"""Background work: RQ workers on Redis when REDIS_URL is set, in-process (same functions, one by one) when not.

- jobqueue.py: the Redis plumbing — the queue, `enqueue`, `in_background` (after the request), the RQ worker class
  (`rq worker -w app.background.jobqueue.Worker -u $REDIS_URL jobbrygga`, same environment as the web app).
- tasks.py: the job bodies — a matching chunk, retention, training the re-ranker, e-mail that must not be sent
  inside a visitor's request.
- batches.py: one matching run over a municipality or a region, split into chunks of people so that several
  workers share a large region, with its progress and resumption.

Every job may run again safely: a matching chunk stores suggestions with ON CONFLICT DO NOTHING on the
one-per-pair constraint and commits every STEP people, so a worker killed mid-chunk keeps what it
committed and the retried chunk adds only the rest. Retention and e-mail are idempotent by nature
(an already hidden or deleted profile is not touched again; a message is sent as one unit).
"""
