"""Invented customers for the demo orders: addresses, and date of birth / national id where Klarna has them."""

from __future__ import annotations


def _address(given, family, street, postal_code, city, country, email, phone, **extra) -> dict:
    address = {"given_name": given, "family_name": family, "street_address": street, "postal_code": postal_code,
               "city": city, "country": country, "email": email, "phone": phone}
    address.update(extra)
    return address


PEOPLE = {
    "astrid": {
        "billing": _address("Astrid", "Lindqvist", "Sveavägen 44", "111 34", "Stockholm", "SE",
                            "astrid.lindqvist@example.se", "+46 70 123 45 67", title="Fru"),
        "customer": {"date_of_birth": "1984-03-12", "national_identification_number": "198403122386"},
    },
    "erik": {
        "billing": _address("Erik", "Johansson", "Kungsgatan 12", "411 19", "Göteborg", "SE",
                            "erik.johansson@example.se", "+46 73 555 01 02"),
        "shipping": _address("Erik", "Johansson", "Linnégatan 3, lgh 1102", "413 04", "Göteborg", "SE",
                             "erik.johansson@example.se", "+46 73 555 01 02"),
        "customer": {"date_of_birth": "1991-11-30"},
    },
    "jonas": {
        "billing": _address("Jonas", "Becker", "Torstraße 112", "10119", "Berlin", "DE",
                            "jonas.becker@example.de", "+49 30 1234567", title="Herr"),
        "customer": {"date_of_birth": "1979-06-02"},
    },
    "maria": {
        "billing": _address("Maria", "Gonzalez", "1452 Market Street", "94103", "San Francisco", "US",
                            "maria.gonzalez@example.com", "+1 415 555 0134", region="CA",
                            street_address2="Apt 5B"),
    },
    "oliver": {
        "billing": _address("Oliver", "Bennett", "22 Baker's Row", "M1 1AA", "Manchester", "GB",
                            "oliver.bennett@example.co.uk", "+44 161 496 0000", title="Mr"),
    },
    "ingrid": {
        "billing": _address("Ingrid", "Solberg", "Storgata 17", "0155", "Oslo", "NO",
                            "ingrid.solberg@example.no", "+47 912 34 567"),
        "customer": {"date_of_birth": "1989-03-12", "national_identification_number": "12038912345"},
    },
    "freja": {
        "billing": _address("Freja", "Nielsen", "Nørrebrogade 52", "2200", "København N", "DK",
                            "freja.nielsen@example.dk", "+45 20 12 34 56"),
        "customer": {"date_of_birth": "1995-08-21"},
    },
    "revontuli": {
        "billing": _address("Mikko", "Virtanen", "Mannerheimintie 10", "00100", "Helsinki", "FI",
                            "laskut@revontuli.example.fi", "+358 9 123 4567", organization_name="Oy Revontuli Ab",
                            attention="Mikko Virtanen"),
    },
    "lea": {
        "billing": _address("Lea", "Müller", "Bahnhofstrasse 21", "8001", "Zürich", "CH",
                            "lea.mueller@example.ch", "+41 44 123 45 67", title="Frau"),
    },
    "katarzyna": {
        "billing": _address("Katarzyna", "Nowak", "ul. Marszałkowska 84", "00-514", "Warszawa", "PL",
                            "katarzyna.nowak@example.pl", "+48 22 123 45 67"),
    },
    "daan": {
        "billing": _address("Daan", "de Vries", "Prinsengracht 263", "1016 GV", "Amsterdam", "NL",
                            "daan.devries@example.nl", "+31 20 123 4567"),
        "customer": {"date_of_birth": "1987-01-15"},
    },
    "redwood": {
        "billing": _address("Samantha", "Lee", "500 Howard Street", "94105", "San Francisco", "US",
                            "ap@redwood-analytics.example.com", "+1 415 555 0199", region="CA",
                            organization_name="Redwood Analytics Inc.", attention="Accounts Payable"),
        "shipping": _address("Daniel", "Ortiz", "2200 Mission College Blvd", "95054", "Santa Clara", "US",
                             "it@redwood-analytics.example.com", "+1 408 555 0142", region="CA",
                             organization_name="Redwood Analytics Inc."),
    },
    "sophie": {
        "billing": _address("Sophie", "Gruber", "Mariahilfer Straße 88", "1070", "Wien", "AT",
                            "sophie.gruber@example.at", "+43 1 234 5678"),
    },
    "nordlys": {
        "billing": _address("Mads", "Kristensen", "Vesterbrogade 120", "1620", "København V", "DK",
                            "faktura@nordlys-design.example.dk", "+45 33 12 34 56",
                            organization_name="Nordlys Design ApS"),
    },
    "chloe": {
        "billing": _address("Chloe", "Nguyen", "88 George Street", "2000", "Sydney", "AU",
                            "chloe.nguyen@example.com.au", "+61 2 9876 5432", region="NSW"),
    },
    "camille": {
        "billing": _address("Camille", "Laurent", "18 Rue de Rivoli", "75004", "Paris", "FR",
                            "camille.laurent@example.fr", "+33 1 23 45 67 89", title="Mme"),
    },
    "giulia": {
        "billing": _address("Giulia", "Rossi", "Via del Corso 120", "00186", "Roma", "IT",
                            "giulia.rossi@example.it", "+39 06 1234 5678"),
    },
    "tomas": {
        "billing": _address("Tomáš", "Novák", "Vodičkova 36", "110 00", "Praha 1", "CZ",
                            "tomas.novak@example.cz", "+420 601 123 456"),
    },
    "lucia": {
        "billing": _address("Lucía", "García", "Calle de Alcalá 54", "28014", "Madrid", "ES",
                            "lucia.garcia@example.es", "+34 912 345 678"),
    },
    "ahmed": {
        "billing": _address("Ahmed", "Hassan", "Storgatan 5", "211 41", "Malmö", "SE",
                            "ahmed.hassan@example.se", "+46 76 987 65 43"),
        "customer": {"date_of_birth": "1990-12-01", "national_identification_number": "199012014455"},
    },
}


def addresses(person: str) -> dict:
    """``billing_address``, ``shipping_address`` (the billing one when no other is known) and ``customer``."""
    entry = PEOPLE[person]
    fields = {"billing_address": entry["billing"], "shipping_address": entry.get("shipping", entry["billing"])}
    if "customer" in entry:
        fields["customer"] = entry["customer"]
    return fields
