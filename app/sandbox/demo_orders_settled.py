"""Demo orders further along: partly or fully captured, refunded, cancelled, expired or closed."""

from __future__ import annotations

from . import demo_ids as ids
from .demo_builders import capture, item, order, parcel, payment, refund, sales_tax, shipping_fee, step
from .demo_orders_open import INVOICE_SE

PART_CAPTURED = [
    order(ids.PART_CAPTURED_SEK, 6, "SEK", "SE", "sv-SE", "erik", INVOICE_SE, [
        item("Tält Fjällräven Abisko Lite 2", 499900, 2500, reference="FR-ABISKO-2"),
        item("Sovsäck dun -10", 329900, 2500, reference="SS-DUN-10"),
        item("Liggunderlag", 79900, 2500, reference="LU-01"),
        shipping_fee("PostNord Hem", 7900, 2500)],
        steps=[capture(2, lines=[0, 3], description="Första paketet: tältet",
                       shipping=[parcel("PostNord", "Home", "00370712345678901234", "postnord.example")])],
        merchant_reference1="SE-100198"),
    order(ids.PART_CAPTURED_EUR_REFUNDED, 10, "EUR", "NL", "nl-NL", "daan", payment("ACCOUNT", "Gespreid betalen"), [
        item("Fietstas waterdicht", 4995, 2100, reference="FT-WD", quantity=2),
        item("Fietsverlichting set", 3495, 2100, reference="FV-SET"),
        item("Fietsslot ART-2", 7995, 2100, reference="FS-ART2"),
        shipping_fee("PostNL", 495, 2100)],
        steps=[capture(1, lines=[0, 3], shipping=[parcel("PostNL", "Home", "3SABCD1234567", "postnl.example")]),
               capture(3, lines=[1], shipping=[parcel("DHL Parcel NL", "PickUpPoint", "JVGL0612345678",
                                                      "dhlparcel.example")]),
               refund(6, 4995, "Retour: één fietstas")],
        merchant_reference1="NL-66023"),
    order(ids.B2B_PART_CAPTURED_USD, 7, "USD", "US", "en-US", "redwood",
          payment("INVOICE_BUSINESS", "Business invoice, net 30"), [
              item("27-inch 4K monitor", 38900, 0, reference="MON-27-4K", quantity=10),
              item("USB-C docking station", 18900, 0, reference="DOCK-C", quantity=10),
              shipping_fee("UPS Freight", 12500, 0),
              sales_tax("Sales tax (8.625%)", 50931)],
          steps=[capture(2, lines=[0, 2], description="Monitors shipped", reference="INV-88412-1",
                         shipping=[parcel("UPS US", "PalletDelivery", "1Z999AA10123456784", "ups.example")])],
          merchant_reference1="PO-88412", merchant_reference2="CC-4410"),
]

CAPTURED = [
    order(ids.CAPTURED_INVOICE_SEK, 12, "SEK", "SE", "sv-SE", "astrid", INVOICE_SE, [
        item("Kaffebryggare Moccamaster", 289900, 2500, reference="MM-KBG"),
        item("Kaffefilter 100 st", 2900, 2500, reference="KF-100", quantity=2),
        shipping_fee("Budbee hemleverans", 5900, 2500)],
        steps=[capture(1, shipping=[parcel("Budbee", "Home", "BB-7766554433", "budbee.example", returns=True)])],
        merchant_reference1="SE-100122"),
    order(ids.CAPTURED_PARTLY_REFUNDED_GBP, 15, "GBP", "GB", "en-GB", "oliver", payment("CARD", "Card"), [
        item("Running shoes Stride 3", 11000, 2000, reference="RS-STRIDE3-10"),
        item("Sports socks 5-pack", 1500, 2000, reference="SS-5P"),
        item("Water bottle 750 ml", 1200, 2000, reference="WB-750"),
        shipping_fee("DPD next day", 599, 2000)],
        steps=[capture(1, shipping=[parcel("DPD UK", "Home", "15501234567890", "dpd.example")]),
               refund(8, 1200, "Returned: water bottle", lines=[2])],
        merchant_reference1="UK-98877"),
    order(ids.CAPTURED_FULLY_REFUNDED_EUR, 20, "EUR", "AT", "de-AT", "sophie", payment("INVOICE", "Rechnung"), [
        item("Winterjacke Damen", 24900, 2000, reference="WJ-D-38"),
        shipping_fee("Österreichische Post", 490, 2000)],
        steps=[capture(1, shipping=[parcel("Österreichische Post", "Home", "1012345678901234", "post.example")]),
               refund(9, 25390, "Ware retourniert", lines=[0, 1])],
        merchant_reference1="AT-2207"),
    order(ids.CAPTURED_TWO_SHIPMENTS_NOK, 9, "NOK", "NO", "nb-NO", "ingrid",
          payment("PAY_LATER_IN_PARTS", "Delbetaling"), [
              item("Stekepanne støpejern 28 cm", 79900, 2500, reference="SP-28"),
              item("Kokekniv 20 cm", 119900, 2500, reference="KK-20"),
              shipping_fee("Bring", 9900, 2500)],
          steps=[capture(1, lines=[0, 2], shipping=[parcel("Bring", "Home", "70701234567890123", "bring.example")]),
                 capture(4, lines=[1], shipping=[parcel("PostNord", "PickUpPoint", "00370798765432109876",
                                                        "postnord.example")])],
          merchant_reference1="NO-4378"),
    order(ids.B2B_CAPTURED_DKK, 11, "DKK", "DK", "da-DK", "nordlys", payment("INVOICE_BUSINESS", "Erhvervsfaktura"), [
        item("Designerlampe Nordlys Pendel", 149900, 2500, reference="NL-PENDEL", quantity=6),
        item("Montering", 120000, 2500, reference="MONT-1")],
        steps=[capture(2, shipping=[parcel("GLS", "PalletDelivery", "GLS5566778899", "gls.example")])],
        merchant_reference1="PO-DK-1178"),
    order(ids.CAPTURED_AUD, 13, "AUD", "AU", "en-AU", "chloe", payment("PAY_IN_X", "Pay in 4", instalments=4), [
        item("Linen bedsheet set, queen", 18900, 1000, reference="LB-QUEEN"),
        item("Pillowcases, pair", 3900, 1000, reference="PC-PAIR"),
        shipping_fee("Australia Post Express", 1495, 1000)],
        steps=[capture(1, shipping=[parcel("Australia Post", "Postal", "AP1234567890", "auspost.example")])],
        merchant_reference1="AU-3301"),
]

CLOSED = [
    order(ids.CANCELLED_SEK, 5, "SEK", "SE", "sv-SE", "erik", INVOICE_SE, [
        item("Hörlurar trådlösa", 149900, 2500, reference="HL-TW"),
        shipping_fee("PostNord MyPack Home", 4900, 2500)],
        steps=[step("cancel", 1)], merchant_reference1="SE-100250"),
    order(ids.CANCELLED_USD, 9, "USD", "US", "en-US", "maria", payment("CARD", "Card"), [
        item("Smart watch S2", 19900, 0, reference="SW-S2"),
        sales_tax("Sales tax (8.625%)", 1716)],
        steps=[step("cancel", 0.5)], merchant_reference1="US-20377"),
    order(ids.EXPIRED_EUR, 40, "EUR", "FR", "fr-FR", "camille", payment("INVOICE", "Payer dans 30 jours"), [
        item("Sac à main cuir", 18900, 2000, reference="SAC-CUIR"),
        shipping_fee("Colissimo", 690, 2000)],
        merchant_reference1="FR-5512"),
    order(ids.EXPIRED_PART_CAPTURED_GBP, 35, "GBP", "GB", "en-GB", "oliver", payment("CARD", "Card"), [
        item("Garden bench, teak", 34900, 2000, reference="GB-TEAK"),
        item("Bench cushion", 4900, 2000, reference="GB-CUSH"),
        shipping_fee("Parcelforce", 1500, 2000)],
        steps=[capture(3, lines=[0, 2], shipping=[parcel("Parcelforce", "Home", "PF123456789GB", "parcelforce.example")])],
        merchant_reference1="UK-97001"),
    order(ids.CLOSED_SEK, 16, "SEK", "SE", "sv-SE", "ahmed", INVOICE_SE, [
        item("Löparskor Vind", 129900, 2500, reference="LS-VIND-43"),
        item("Träningsbyxor", 59900, 2500, reference="TB-M"),
        shipping_fee("PostNord MyPack Home", 4900, 2500)],
        steps=[capture(2, lines=[0, 2], shipping=[parcel("PostNord", "Home", "00370711112222333344", "postnord.example")]),
               step("release", 3)],
        merchant_reference1="SE-100175"),
    order(ids.CLOSED_EUR_REFUNDED, 22, "EUR", "IT", "it-IT", "giulia", payment("CARD", "Carta"), [
        item("Borsa da viaggio", 15900, 2200, reference="BV-01"),
        item("Portafoglio", 4900, 2200, reference="PF-01"),
        shipping_fee("BRT", 700, 2200)],
        steps=[capture(1, lines=[0, 2], shipping=[parcel("BRT", "Home", "BRT0987654321", "brt.example")]),
               step("release", 2),
               refund(10, 15900, "Reso: borsa da viaggio", lines=[0])],
        merchant_reference1="IT-8834"),
]
