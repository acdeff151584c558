"""Demo orders still open: authorized and not yet captured."""

from __future__ import annotations

from . import demo_ids as ids
from .demo_builders import (discount, home_delivery, item, order, parcel, payment, pickup_point, sales_tax,
                             shipping_fee, step)

HTML_MERCHANT_DATA = '<script>alert("merchant_data")</script>{"gift_note": "Gratulerer! </textarea><b>bold</b>"}'
HTML_LINE_NAME = 'Ullgenser "Fjellrev" <img src=x onerror=alert(\'line\')> & co'

INVOICE_SE = payment("INVOICE", "Faktura – betala inom 30 dagar")


POSTNORD_LOCATION = {
    "id": "SE-PN-2311", "name": "ICA Nära Rådmansgatan", "price": 0,
    "address": {"street_address": "Rådmansgatan 40", "postal_code": "113 57", "city": "Stockholm", "country": "SE"},
}
INPOST_LOCATION = {
    "id": "WAW22M", "name": "Paczkomat WAW22M", "price": 0,
    "address": {"street_address": "ul. Hoża 51", "postal_code": "00-681", "city": "Warszawa", "country": "PL"},
}
DHL_TIMESLOT = {"id": "dhl-slot-18-21", "start": "18:00", "end": "21:00", "cutoff": "12:00", "price": 300}
SMS_ADDON = {"type": "sms", "price": 0, "external_id": "sms-notify", "user_input": "+46701234567"}
DOOR_CODE_ADDON = {"type": "entry-code", "price": 0, "external_id": "door-code", "user_input": "4711"}

AUTHORIZED = [
    order(ids.AUTHORIZED_SEK, 2, "SEK", "SE", "sv-SE", "astrid", INVOICE_SE, [
        item("Vandringskänga Fjällström Dam, stl 39", 189900, 2500, reference="FS-BOOT-39"),
        item("Merinoullstrumpor 3-pack", 24900, 2500, reference="MW-SOCK-3P", quantity=2),
        item("Regnjacka Skuggberg", 149900, 2500, reference="SB-JKT-M", discount=15000),
        discount("Medlemsrabatt", 10000, 2500, reference="MEMBER-100"),
        shipping_fee("PostNord MyPack Collect", 4900, 2500)],
        merchant_reference1="SE-100234", merchant_reference2="ERP-55120",
        merchant_data='{"channel": "web", "campaign": "spring"}',
        selected_shipping_option=pickup_point("PostNord", "MyPack Collect", 4900, 2500, POSTNORD_LOCATION,
                                              [SMS_ADDON])),
    order(ids.AUTHORIZED_EUR_INSTALMENTS, 5, "EUR", "DE", "de-DE", "jonas",
          payment("FIXED_AMOUNT", "In 6 Raten bezahlen", instalments=6), [
              item("Espressomaschine Barista Pro", 64900, 1900, reference="BAR-PRO-01"),
              item("Milchkännchen Edelstahl 600 ml", 2499, 1900, reference="MK-600"),
              shipping_fee("DHL Paket Wunschzeit", 699, 1900)],
          merchant_reference1="DE-778812",
          selected_shipping_option=home_delivery("DHL", "Paket Wunschzeit", 699, 1900, DHL_TIMESLOT,
                                                 [DOOR_CODE_ADDON])),
    order(ids.AUTHORIZED_USD_SALES_TAX, 1, "USD", "US", "en-US", "maria", payment("CARD", "Card"), [
        item("Noise-cancelling headphones QC-700", 27900, 0, reference="QC-700"),
        item("USB-C charging cable, 2 m", 1499, 0, reference="USBC-2M", quantity=2),
        shipping_fee("UPS Ground", 995, 0),
        sales_tax("Sales tax (8.625%)", 2751)],
        merchant_reference1="US-20431"),
    order(ids.EXPIRING_SOON_GBP, 27.2, "GBP", "GB", "en-GB", "oliver",
          payment("PAY_LATER_BY_CARD", "Pay in 30 days"), [
              item("Cashmere scarf, charcoal", 8900, 2000, reference="CS-CHAR"),
              item("Leather gloves, size M", 5500, 2000, reference="LG-M"),
              shipping_fee("Royal Mail Tracked 48", 395, 2000)],
          merchant_reference1="UK-99120"),
    order(ids.HTML_IN_TEXT_NOK, 3, "NOK", "NO", "nb-NO", "ingrid", payment("DIRECT_DEBIT", "Direkte bankbetaling"), [
        item(HTML_LINE_NAME, 129900, 2500, reference="UG-FJELLREV"),
        item("Lue, strikket", 29900, 2500, reference="LUE-01"),
        shipping_fee("Posten Hjem", 9900, 2500)],
        merchant_reference1="NO-4411", merchant_reference2="<i>kampanje</i>", merchant_data=HTML_MERCHANT_DATA),
    order(ids.AUTHORIZED_DKK, 4, "DKK", "DK", "da-DK", "freja", payment("MOBILEPAY", "MobilePay"), [
        item("Keramikvase, sand", 44900, 2500, reference="KV-SAND"),
        item("Hørservietter 4 stk.", 19900, 2500, reference="HS-4", discount=2000),
        shipping_fee("GLS Pakkeshop", 3900, 2500)],
        merchant_reference1="DK-31007"),
    order(ids.B2B_AUTHORIZED_EUR, 6, "EUR", "FI", "fi-FI", "revontuli",
          payment("INVOICE_BUSINESS", "Yrityslasku 30 pv"), [
              item("Työtuoli ErgoPlus", 38900, 2550, reference="EP-CHAIR", quantity=4),
              item("Sähköpöytä 160x80", 59900, 2550, reference="SP-160", quantity=2),
              shipping_fee("Rahti", 4900, 2550)],
          merchant_reference1="PO-2024-0117", merchant_reference2="FI-B2B-88"),
    order(ids.AUTHORIZED_CHF, 8, "CHF", "CH", "de-CH", "lea", payment("INVOICE", "Rechnung"), [
        item("Wanderrucksack 30 L", 15900, 810, reference="WR-30"),
        item("Trinkflasche 1 L", 2490, 810, reference="TF-1L", quantity=2),
        shipping_fee("Post CH Priority", 900, 810)],
        merchant_reference1="CH-5521"),
    order(ids.AUTHORIZED_PLN, 2, "PLN", "PL", "pl-PL", "katarzyna", payment("BANK_TRANSFER", "Przelew bankowy"), [
        item("Ekspres przelewowy", 34999, 2300, reference="EP-200"),
        item("Kawa ziarnista 1 kg", 8999, 2300, reference="KZ-1KG", quantity=2),
        shipping_fee("InPost Paczkomat", 1299, 2300)],
        merchant_reference1="PL-7781",
        selected_shipping_option=pickup_point("InPost", "Paczkomat 24/7", 1299, 2300, INPOST_LOCATION)),
    order(ids.DIGITAL_CZK, 1, "CZK", "CZ", "cs-CZ", "tomas", payment("CARD", "Platební karta"), [
        item("E-kniha: Průvodce Prahou", 29900, 1200, reference="EBOOK-PRG", kind="digital"),
        item("Dárková karta 1 000 Kč", 100000, 0, reference="GIFT-1000", kind="gift_card"),
        item("Kredit z vráceného zboží", -10000, 0, reference="CREDIT-88", kind="store_credit"),
        item("Poplatek za platbu kartou", 1500, 2100, reference="CARD-FEE", kind="surcharge")],
        merchant_reference1="CZ-1203"),
    order(ids.UPDATED_AUTHORIZATION_EUR, 3, "EUR", "ES", "es-ES", "lucia", payment("CARD", "Tarjeta"), [
        item("Zapatillas running Aire", 11995, 2100, reference="ZR-AIRE-42"),
        item("Camiseta técnica", 2495, 2100, reference="CT-M", quantity=2),
        shipping_fee("Correos Express", 495, 2100)],
        steps=[step("update_authorization", 1, keep_lines=[0, 2], description="Camiseta agotada")],
        merchant_reference1="ES-44120"),
    order(ids.SUBSCRIPTION_USD, 2, "USD", "US", "en-US", "maria", payment("PAY_LATER_IN_PARTS", "Pay in 4"), [
        item("Coffee subscription: single origin, 2 bags", 3600, 0, reference="SUB-COFFEE",
             subscription={"name": "Monthly coffee", "interval": "MONTH", "interval_count": 1}),
        item("Ceramic pour-over dripper", 2800, 0, reference="DRIP-01"),
        sales_tax("Sales tax (7.25%)", 464)],
        merchant_reference1="US-20502"),
    order(ids.FRAUD_PENDING_SEK, 0.1, "SEK", "SE", "sv-SE", "ahmed", payment("SWISH", "Swish"), [
        item("Elcykel Stadspendlare 500", 1899900, 2500, reference="EC-500"),
        item("Cykelhjälm MIPS", 99900, 2500, reference="HJ-MIPS"),
        shipping_fee("Hemleverans med bärhjälp", 49900, 2500)],
        fraud_status="PENDING", merchant_reference1="SE-100301"),
    order(ids.ORDER_SHIPPING_INFO_SEK, 1, "SEK", "SE", "sv-SE", "erik",
          payment("PAY_LATER_IN_PARTS", "Dela upp betalningen"), [
              item("Soffbord ek", 349900, 2500, reference="SB-EK"),
              shipping_fee("DB Schenker hemleverans", 29900, 2500)],
          steps=[step("order_shipping_info", 0.5, shipping_info=[
              parcel("DB Schenker", "Home", "SE8812345678", "schenker.example")])],
          merchant_reference1="SE-100287"),
]
