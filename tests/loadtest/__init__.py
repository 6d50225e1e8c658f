"""Load test: a region-sized dataset from the taxonomy, a Locust file, and a runner that prints the figures.

    LOADTEST_DATABASE_URL=postgresql://…/jobbrygga_load python -m tests.loadtest generate
    LOADTEST_DATABASE_URL=… python -m tests.loadtest run --users 50 --run-time 10m

Run from the repository folder (it is not part of the installed package). Everything listens on and talks to
127.0.0.1 only; the guards against a production environment are in __main__.py. See run.py for what is printed.
"""
