"""The team's own fixture story (written for these tests): a Vietnam–Australia trade agreement
told by three outlets and copied once. What it holds on purpose:

- one signing on 11/9 told by A, B and C (one event, three citations; D copies B: not counted);
- a meeting on 10/9 (C only), a next round "tháng 11 tới" (planned);
- agreeing figures written two ways (``1,5 tỷ USD`` / ``1,5 tỉ đô la``): not a disagreement;
- the coffee tariff before the cut: 12% (A) vs 10% (B), both ending at 5%: a disagreement;
- the year trade reaches 20 tỷ USD: 2027 (A) vs 2028 (B): a disagreement;
- one person written two ways ("Nguyễn Văn Minh", "Bộ trưởng Minh").
"""

from __future__ import annotations

from analyse.builders import Doc

A = Doc(
    id="a000000000000001",
    outlet="Báo Kinh Tế",
    published="2025-09-12",
    title="Việt Nam và Australia ký thỏa thuận nâng cấp thương mại, cà phê được giảm thuế",
    url="https://kinhte.example.vn/viet-nam-australia-ky-thoa-thuan",
    sentences=[
        "Ngày 11/9, Bộ trưởng Công Thương Nguyễn Văn Minh và Bộ trưởng Thương mại Australia Jane Carter đã ký thỏa thuận nâng cấp quan hệ thương mại song phương tại Hà Nội.",
        "Theo thỏa thuận, Australia sẽ giảm thuế nhập khẩu đối với cà phê Việt Nam từ 12% xuống còn 5%.",
        "Hai bên đặt mục tiêu đưa kim ngạch thương mại lên 20 tỷ USD vào năm 2027.",
        "Các doanh nghiệp Australia cũng cam kết đầu tư 1,5 tỷ USD vào chế biến nông sản tại Việt Nam.",
        "Vòng đàm phán tiếp theo dự kiến diễn ra tại Canberra vào tháng 11 tới.",
    ],
    dates=[
        ("Ngày 11/9", "2025-09-11", "day"),
        ("năm 2027", "2027", "year"),
        ("tháng 11 tới", "2025-11", "month"),
    ],
    figures=[
        {
            "text": "12%",
            "value": 12.0,
            "unit": "percent",
            "of": "thuế nhập khẩu cà phê",
            "change_from": 12.0,
            "change_to": 5.0,
        },
        {
            "text": "5%",
            "value": 5.0,
            "unit": "percent",
            "of": "thuế nhập khẩu cà phê",
            "change_from": 12.0,
            "change_to": 5.0,
        },
        {"text": "20 tỷ USD", "value": 20e9, "unit": "USD", "of": "kim ngạch thương mại"},
        {"text": "1,5 tỷ USD", "value": 1.5e9, "unit": "USD", "of": "đầu tư"},
    ],
    people=[
        ("Nguyễn Văn Minh", ["Bộ trưởng Công Thương"], ["Nguyễn Văn Minh"]),
        ("Jane Carter", ["Bộ trưởng Thương mại Australia"], ["Jane Carter"]),
    ],
)

B = Doc(
    id="b000000000000002",
    outlet="Tin Nhanh",
    published="2025-09-12",
    sentences=[
        "Việt Nam và Australia hôm 11/9 đã ký thỏa thuận nâng cấp quan hệ thương mại tại Hà Nội, mở đường cho nông sản Việt vào thị trường này.",
        "Theo văn bản được ký, thuế đối với cà phê Việt Nam sẽ giảm từ 10% xuống 5%.",
        "Kim ngạch thương mại hai chiều được kỳ vọng đạt 20 tỷ USD vào năm 2028.",
        "Bà Jane Carter nói doanh nghiệp Australia sẽ rót 1,5 tỉ đô la vào các nhà máy chế biến nông sản.",
    ],
    dates=[("11/9", "2025-09-11", "day"), ("năm 2028", "2028", "year")],
    figures=[
        {"text": "10%", "value": 10.0, "unit": "percent"},
        {"text": "5%", "value": 5.0, "unit": "percent"},
        {"text": "20 tỷ USD", "value": 20e9, "unit": "USD"},
        {"text": "1,5 tỉ đô la", "value": 1.5e9, "unit": "USD"},
    ],
    people=[("Jane Carter", [], ["Jane Carter"])],
)

C = Doc(
    id="c000000000000003",
    outlet="Đài Phát Thanh",
    published="2025-09-13",
    title="Doanh nghiệp kỳ vọng vào thỏa thuận thương mại Việt Nam – Australia",
    sentences=[
        "Thỏa thuận nâng cấp thương mại mà Việt Nam và Australia ký ngày 11/9 tại Hà Nội được giới doanh nghiệp đánh giá cao.",
        "Trước đó, ngày 10/9, hai bộ trưởng đã có cuộc gặp riêng để hoàn tất những điều khoản cuối cùng.",
        "Bộ trưởng Minh cho biết các hiệp hội ngành hàng sẽ được hướng dẫn tận dụng ưu đãi ngay trong quý IV.",
        "Các doanh nghiệp Australia dự kiến đầu tư 1,5 tỷ USD vào lĩnh vực chế biến nông sản.",
    ],
    dates=[("ngày 11/9", "2025-09-11", "day"), ("ngày 10/9", "2025-09-10", "day")],
    figures=[{"text": "1,5 tỷ USD", "value": 1.5e9, "unit": "USD"}],
    people=[("Nguyễn Văn Minh", ["Bộ trưởng"], ["Bộ trưởng Minh"])],
)

# a copy of B published by another site: must not be counted twice
D = Doc(
    id="d000000000000004",
    outlet="Trang Tổng Hợp",
    published="2025-09-12",
    sentences=list(B.sentences),
    dates=list(B.dates),
    figures=list(B.figures),
    people=list(B.people),
    duplicate_of=B.id,
)

DOCS = [A, B, C, D]
