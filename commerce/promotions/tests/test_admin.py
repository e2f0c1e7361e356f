from django.contrib.auth import get_user_model

from commerce.cart.tests.factories import make_code
from commerce.promotions.models import PromoCode


def test_staff_see_codes_with_their_usage_counts(client, shop):
    code = make_code("SOMMER10", usage_limit=50)
    PromoCode.objects.filter(pk=code.pk).update(times_used=7)
    client.force_login(get_user_model().objects.get(username="admin"))

    response = client.get("/admin/promotions_promocode/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "SOMMER10" in html
    assert ">7<" in html.replace(" ", "").replace("\n", "")
