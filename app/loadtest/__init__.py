"""Load test: a region-sized dataset from the taxonomy, a Locust file, and a runner that prints the figures.

    flask --app wsgi loadtest generate          # into the DATABASE_URL database (PostgreSQL)
    flask --app wsgi loadtest run --users 50 --run-time 10m

Everything listens on and talks to 127.0.0.1 only. See app/loadtest/run.py for what is printed.
"""
