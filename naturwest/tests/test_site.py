def test_home_page_is_served_in_german_without_prefix(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
    assert "Naturwest" in response.content.decode()


def test_english_home_page_is_served_under_en(client, demo_site):
    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "natural products" in html


def test_admin_redirects_to_its_login(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(response["Location"]).status_code == 200
