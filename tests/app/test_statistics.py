"""Statistics never show groups smaller than 5."""
import pytest

from app.models import Role
from app.services.statistics import suppress_small
from tests import factories as f


@pytest.mark.parametrize("count, shown", [(0, 0), (1, None), (2, None), (4, None), (5, 5), (6, 6), (1234, 1234)])
def test_suppress_small(count, shown):
    assert suppress_small(count) == shown


def test_the_admin_page_says_fewer_than_5_for_small_groups(browser):
    admin = f.user(Role.ADMIN, locale="en")
    org = f.organisation()
    for _ in range(3):
        f.opportunity(org)
    for _ in range(6):
        f.profile(f.user())
    browser.login(admin.email, f.PASSWORD)
    page = browser.get("/admin/").get_data(as_text=True)
    assert '<th scope="row">Opportunities</th><td>fewer than 5</td>' in page
    assert '<th scope="row">Jobseeker profiles</th><td>6</td>' in page
