"""The `flask …` commands, one module per group; register_commands adds them all to the app.

setup.py (setup, seed-demo, check-deploy) · users.py (staff accounts, reset-two-factor) · taxonomy.py (the
vocabulary, outside ads) · matching.py (suggestions, proposal, re-ranker) · jobs.py (background work) ·
notifications.py · employers.py (the daily run for places) · privacy.py (retention) · translate.py (catalogs).
Backups and releases keep their commands beside their code in app/operations/.
"""


def register_commands(app) -> None:
    from app.commands.employers import employers_cli
    from app.commands.jobs import jobs_cli, run_region_command
    from app.commands.matching import matching_cli
    from app.commands.notifications import notifications_cli
    from app.commands.privacy import privacy_cli
    from app.commands.setup import check_deploy_command, seed_demo_command, setup_command
    from app.commands.taxonomy import opportunities_cli, taxonomy_cli
    from app.commands.translate import translate_cli
    from app.commands.users import reset_two_factor_command, users_cli
    from app.operations.backup import backup_cli
    from app.operations.releases import register as register_releases

    matching_cli.add_command(run_region_command)
    for command in (setup_command, seed_demo_command, check_deploy_command, reset_two_factor_command, users_cli,
                    taxonomy_cli, opportunities_cli, matching_cli, jobs_cli, notifications_cli, employers_cli,
                    privacy_cli, translate_cli, backup_cli):
        app.cli.add_command(command)
    register_releases(app)  # flask db-release, and the warning before `flask db downgrade`
