"""Whose address a request has: the peer's, unless a trusted proxy forwarded it.

Written as the attacks of issue 11 (V3): a client that sends X-Real-IP or X-Forwarded-For
itself must not choose the address the audit log, the lockouts and the limits see, and no
header value, however malformed, may reach an address column (PostgreSQL's inet refuses it).
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from opencounty.core.audit import client_ip

PEER = "198.51.100.20"


def request_from(peer: str = PEER, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=peer, **headers)


def test_without_trusted_proxies_a_forged_x_real_ip_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from(HTTP_X_REAL_IP="203.0.113.66")) == PEER
    assert client_ip(request_from(HTTP_X_FORWARDED_FOR="203.0.113.66")) == PEER


def test_a_forged_header_from_an_untrusted_peer_is_ignored_even_when_proxies_are_configured(
    settings,
):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(request_from(HTTP_X_REAL_IP="203.0.113.66")) == PEER


def test_behind_the_operators_nginx_the_forwarded_client_is_believed(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    request = request_from("127.0.0.1", HTTP_X_REAL_IP="203.0.113.5")
    assert client_ip(request) == "203.0.113.5"


def test_the_right_most_untrusted_forwarded_address_wins_over_what_the_client_wrote(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    # The client wrote 1.2.3.4 itself; the load balancer (10.0.0.5) saw 203.0.113.5; nginx on
    # loopback saw the load balancer.
    request = request_from(
        "127.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5, 10.0.0.5",
        HTTP_X_REAL_IP="10.0.0.5",
    )
    assert client_ip(request) == "203.0.113.5"


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "abc", "1" * 5000, "999.1.1.1", "", "203.0.113.5\x00", "::1:::"],
)
def test_a_malformed_header_from_the_proxy_falls_back_to_a_valid_address(settings, value):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request_from("127.0.0.1", HTTP_X_REAL_IP=value)) == "127.0.0.1"
    assert client_ip(request_from("127.0.0.1", HTTP_X_FORWARDED_FOR=value)) == "127.0.0.1"
    assert client_ip(request_from(HTTP_X_REAL_IP=value)) == PEER


def test_garbage_in_the_forwarding_chain_stops_the_walk(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    request = request_from(
        "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, <b>, 127.0.0.1", HTTP_X_REAL_IP="abc"
    )
    assert client_ip(request) == "127.0.0.1"


def test_addresses_are_normalised_so_one_client_has_one_address(settings):
    settings.TRUSTED_PROXIES = ["::1"]
    assert client_ip(request_from("::1", HTTP_X_REAL_IP="::ffff:203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from("::1", HTTP_X_REAL_IP="2001:DB8::0001")) == "2001:db8::1"
    assert client_ip(request_from("::1", HTTP_X_REAL_IP="fe80::1%eth0")) == "fe80::1"


def test_no_valid_peer_means_no_address(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("", HTTP_X_REAL_IP="203.0.113.5")) is None
    assert client_ip(request_from("unix:/run/opencounty.sock")) is None


def test_a_wrong_trusted_proxies_setting_fails_loudly(settings):
    settings.TRUSTED_PROXIES = ["nginx.local"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        client_ip(request_from("127.0.0.1"))
