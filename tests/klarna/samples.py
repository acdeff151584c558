"""A complete order as Klarna's API describes it: every field of every schema has a value."""

ADDRESS = {
    "given_name": "Klara",
    "family_name": "Joyce",
    "title": "Mrs",
    "attention": "Reception",
    "organization_name": "Klarna",
    "email": "klara.joyce@example.com",
    "phone": "1-555-555-5555",
    "street_address": "Apartment 10",
    "street_address2": "1 Safeway",
    "postal_code": "12345",
    "city": "Knoxville",
    "region": "TN",
    "country": "us",
}

ORDER_LINE = {
    "type": "physical",
    "reference": "75001",
    "name": "Headphones",
    "quantity": 2,
    "quantity_unit": "pcs.",
    "unit_price": 12500,
    "tax_rate": 2500,
    "total_amount": 22500,
    "total_discount_amount": 2500,
    "total_tax_amount": 4500,
    "merchant_data": "Some metadata",
    "product_url": "https://shop.example/product/headphones",
    "image_url": "https://shop.example/product/headphones.png",
    "product_identifiers": {
        "brand": "Intel",
        "category_path": "Electronics > Audio",
        "global_trade_item_number": "735858293167",
        "manufacturer_part_number": "BOXNUC5CPYH",
        "color": "Denim blue",
        "size": "4",
    },
    "subscription": {"name": "Monthly refill", "interval": "MONTH", "interval_count": 1},
}

SHIPPING_INFO = {
    "shipping_company": "DHL US",
    "shipping_method": "Home",
    "tracking_number": "63456415674545679874",
    "tracking_uri": "https://shipping.example/findmypackage?63456415674545679874",
    "return_shipping_company": "DHL US",
    "return_tracking_number": "93456415674545679888",
    "return_tracking_uri": "https://shipping.example/findmypackage?93456415674545679888",
}

CAPTURE = {
    "capture_id": "4ba29b50-be7b-44f5-a492-113e6a865e22",
    "klarna_reference": "K4MADNY-1",
    "captured_amount": 22500,
    "captured_at": "2015-11-19T01:51:17Z",
    "description": "Order has been shipped",
    "reference": "shipment-1",
    "refunded_amount": 2500,
    "order_lines": [ORDER_LINE],
    "shipping_info": [SHIPPING_INFO],
    "billing_address": ADDRESS,
    "shipping_address": ADDRESS,
}

REFUND = {
    "refund_id": "b2cb4f2e-2781-4359-80ad-555735ebb8d8",
    "refunded_amount": 2500,
    "refunded_at": "2015-12-04T15:17:40.098+01:00",
    "description": "The item was returned and the order refunded.",
    "reference": "return-7",
    "credit_invoice": True,
    "order_lines": [],
}

SELECTED_SHIPPING_OPTION = {
    "id": "express",
    "name": "Express",
    "method": "PickUpPoint",
    "type": "postal",
    "class": "express",
    "carrier": "postnord",
    "carrier_product": {"identifier": "PN-EXP", "name": "PostNord Express"},
    "price": 4900,
    "tax_amount": 980,
    "tax_rate": 2500,
    "location": {
        "id": "loc-1",
        "name": "Ica Nära",
        "price": 0,
        "address": {
            "street_address": "Storgatan 1",
            "street_address__2": "Entrance B",
            "postal_code": "11122",
            "city": "Stockholm",
            "region": "Stockholm",
            "country": "SE",
        },
    },
    "timeslot": {"id": "ts-1", "start": "09:00", "end": "12:00", "cutoff": "08:00", "price": 0},
    "selected_addons": [
        {"type": "gift_wrap", "price": 500, "external_id": "gw-1", "user_input": "Happy birthday"}
    ],
    "tms_reference": "tms-123",
}

ORDER = {
    "order_id": "f3392f8b-6116-4073-ab96-e330819e2c07",
    "status": "PART_CAPTURED",
    "fraud_status": "ACCEPTED",
    "klarna_reference": "K4MADNY",
    "merchant_reference1": "10001",
    "merchant_reference2": "501",
    "merchant_data": "Order metadata",
    "purchase_country": "us",
    "purchase_currency": "usd",
    "locale": "en-us",
    "order_amount": 50000,
    "original_order_amount": 52000,
    "captured_amount": 22500,
    "refunded_amount": 2500,
    "remaining_authorized_amount": 27500,
    "created_at": "2015-11-29T10:25:40Z",
    "expires_at": "2015-12-04T10:26:06Z",
    "order_lines": [ORDER_LINE],
    "captures": [CAPTURE],
    "refunds": [REFUND],
    "shipping_info": [SHIPPING_INFO],
    "billing_address": ADDRESS,
    "shipping_address": ADDRESS,
    "customer": {"date_of_birth": "1981-09-06", "national_identification_number": "19810906-1234"},
    "initial_payment_method": {
        "type": "FIXED_AMOUNT",
        "description": "Slice it (Fixed Payments)",
        "number_of_installments": 3,
    },
    "selected_shipping_option": SELECTED_SHIPPING_OPTION,
}

DUE_DATE_OPTIONS = {"currency": "usd", "options": [{"number_of_days": 14, "amount": 195}]}
