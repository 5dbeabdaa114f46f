async def token(client, username, password):
    return await client.post("/api/v1/auth/token", json={"username": username, "password": password})


async def test_a_demo_manager_gets_a_bearer_token_with_role_and_offices(client):
    response = await token(client, "manager.cairo", "demo-manager-2026")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["role"] == "manager"
    assert "cairo-abbassia-passports" in body["offices"]
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json() == {"username": "manager.cairo", "role": "manager", "offices": body["offices"]}


async def test_a_wrong_password_and_an_unknown_user_get_the_same_401(client):
    wrong = await token(client, "manager.cairo", "guess")
    unknown = await token(client, "nobody", "guess")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


async def test_a_missing_or_forged_token_is_401(client):
    assert (await client.get("/api/v1/auth/me")).status_code == 401
    forged = await client.get("/api/v1/auth/me", headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0.e30."})
    assert forged.status_code == 401
    assert forged.json()["code"] == "not_authenticated"


async def test_a_token_expires_after_a_working_day(client, clock):
    from datetime import timedelta

    access = (await token(client, "agent.abbassia", "demo-agent-2026")).json()["access_token"]
    headers = {"Authorization": f"Bearer {access}"}
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
    clock.advance(timedelta(hours=13))
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401
