from tests.integration.helpers import slots


async def test_services_list_the_catalogue_in_both_languages(client):
    response = await client.get("/api/v1/services")
    assert response.status_code == 200
    services = {s["code"]: s for s in response.json()}
    assert len(services) == 13 and [c for c, s in services.items() if s["walk_in_only"]] == [
        "document-collection"
    ]
    assert services["passport-renewal"]["name_ar"] == "تجديد جواز السفر"
    assert services["residence-new"]["eligibility"] == "foreigner"
    assert services["passport-new"]["documents_ar"]


async def test_offices_filter_by_service_and_governorate(client):
    every = (await client.get("/api/v1/offices")).json()
    assert len(every) >= 14
    assert len({o["governorate"] for o in every}) >= 8
    giza_passports = (
        await client.get("/api/v1/offices", params={"service": "passport-new", "governorate": "giza"})
    ).json()
    assert [o["id"] for o in giza_passports] == ["giza-passports"]
    assert all("passport-new" in o["services"] for o in giza_passports)


async def test_an_unknown_service_filter_is_a_clear_422(client):
    response = await client.get("/api/v1/offices", params={"service": "teleportation"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "unknown_service"
    assert response.json()["detail_ar"]


async def test_an_office_shows_hours_and_counters(client):
    office = (await client.get("/api/v1/offices/giza-passports")).json()
    assert office["hours"]["sun"] == ["08:00", "15:00"]
    assert "fri" not in office["hours"]
    assert office["counters"] and all(c["services"] for c in office["counters"])


async def test_an_unknown_office_is_404_problem(client):
    response = await client.get("/api/v1/offices/atlantis")
    assert response.status_code == 404
    assert response.json()["code"] == "office_not_found"


async def test_availability_lists_days_and_slots_from_one_hour_ahead(client):
    response = await client.get(
        "/api/v1/offices/giza-passports/availability",
        params={"service": "passport-new", "from": "2026-12-04", "to": "2026-12-06"},
    )
    assert response.status_code == 200
    days = {d["date"]: d for d in response.json()["days"]}
    assert days["2026-12-04"]["slots"] == [] and not days["2026-12-04"]["open"]  # Friday
    sunday = days["2026-12-06"]["slots"]
    # The clock says 08:00, so the first bookable slot is 09:00, an hour ahead.
    assert sunday[0]["start"] == "2026-12-06T09:00:00+02:00"
    assert all(s["remaining"] > 0 for s in sunday)


async def test_availability_refuses_a_service_the_office_does_not_offer(client):
    response = await client.get(
        "/api/v1/offices/giza-passports/availability", params={"service": "vehicle-licence-renewal"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "service_not_offered"


async def test_availability_refuses_a_reversed_or_huge_date_range(client):
    for params in ({"from": "2026-12-10", "to": "2026-12-01"}, {"from": "2026-12-01", "to": "2027-12-01"}):
        response = await client.get(
            "/api/v1/offices/giza-passports/availability", params={"service": "passport-new", **params}
        )
        assert response.status_code == 422
        assert response.json()["code"] == "invalid_date_range"


async def test_availability_with_a_malformed_date_is_422_not_500(client):
    response = await client.get(
        "/api/v1/offices/giza-passports/availability",
        params={"service": "passport-new", "from": "next tuesday"},
    )
    assert response.status_code in (400, 422)
    assert response.json()["code"]


async def test_openapi_schema_is_served(client):
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/bookings" in response.json()["paths"]


async def test_a_booked_slot_shows_one_fewer_remaining(client):
    from tests.integration.helpers import booking_body

    before = (await slots(client))[0]
    assert (await client.post("/api/v1/bookings", json=booking_body(before["start"]))).status_code == 201
    after = (await slots(client))[0]
    assert after["remaining"] == before["remaining"] - 1
