"""The holiday notice parser, against the real notices 2017-2026 and chinesecalendar's table.

The fixtures in holiday_notices/ hold each year's notice as published (title, salutation,
opening and the numbered arrangement; the closing paragraph left out), 2019 followed by the
notice adjusting its Labour Day holiday and 2020 by the notice extending its Spring Festival,
plus two copies as pasted from a web page.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import chinese_calendar
import pytest

from opencounty.core.holiday_notice import NoticeNotUnderstood, ParsedNotice, parse_notice

NOTICES = Path(__file__).parent / "holiday_notices"
YEARS = range(2017, 2027)

# chinesecalendar's table counts the weekend next to a single day "X月X日放假，与周末连休" as
# holidays for 2019's Qingming, Dragon Boat and Mid-Autumn (Fridays) and for 2024's New Year's
# Day (Monday), but not for the same wording in 2017 (Labour Day), 2018 (New Year's Day,
# Dragon Boat, Mid-Autumn) or 2024 (Dragon Boat). The notice names only the one day, so the
# parser does not add the weekend; these are the only days where the table and it differ.
WEEKEND_DAYS_ONLY_CHINESECALENDAR_COUNTS = {
    date(2019, 4, 6),
    date(2019, 4, 7),
    date(2019, 6, 8),
    date(2019, 6, 9),
    date(2019, 9, 14),
    date(2019, 9, 15),
    date(2023, 12, 30),
    date(2023, 12, 31),
}


def text_of(name: str) -> str:
    return (NOTICES / f"{name}.txt").read_text(encoding="utf-8")


@cache
def notice(year: int) -> ParsedNotice:
    return parse_notice(text_of(str(year)))


def problems_of(text: str) -> list[str]:
    with pytest.raises(NoticeNotUnderstood) as caught:
        parse_notice(text)
    assert caught.value.problems, "a refusal must say why"
    return caught.value.problems


def named_by(parsed: ParsedNotice) -> set[date]:
    return set(parsed.holidays) | set(parsed.makeup_days)


def belonging_to_notice(table: set[date], year: int) -> set[date]:
    """The table's dates of `year` less those the next year's notice names, plus the dates of
    the year before that this year's notice names (New Year's Day starting in December)."""
    later = named_by(notice(year + 1)) if year + 1 in YEARS else set()
    own = named_by(notice(year))
    return {
        day
        for day in table
        if (day.year == year and day not in later) or (day.year == year - 1 and day in own)
    }


def without_line(text: str, start: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(start))


# The real notices ---------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_each_years_notice_reads_as_chinesecalendar_has_that_year(year):
    parsed = notice(year)
    holidays = set(chinese_calendar.holidays) - WEEKEND_DAYS_ONLY_CHINESECALENDAR_COUNTS
    assert parsed.year == year
    assert set(parsed.holidays) == belonging_to_notice(holidays, year)
    assert set(parsed.makeup_days) == belonging_to_notice(set(chinese_calendar.workdays), year)


@pytest.mark.parametrize("year", YEARS)
def test_each_years_notice_gives_exactly_the_working_day_table_seeded_from_chinesecalendar(year):
    """What counting reads: the weekday holidays and the make-up working days (no exceptions)."""
    from opencounty.core.actions import rows_of

    parsed = {(row.date, row.kind) for row in rows_of(notice(year))}
    weekday_holidays = {day for day in chinese_calendar.holidays if day.weekday() < 5}
    seeded = {(day, "holiday") for day in belonging_to_notice(weekday_holidays, year)}
    seeded |= {(day, "makeup") for day in belonging_to_notice(set(chinese_calendar.workdays), year)}
    assert parsed == seeded


def test_chinesecalendar_differs_only_by_weekend_days_next_to_a_day_joined_with_the_weekend():
    for day in sorted(WEEKEND_DAYS_ONLY_CHINESECALENDAR_COUNTS):
        assert day in chinese_calendar.holidays
        assert day.weekday() >= 5
        parsed = notice(day.year + 1 if day.month == 12 else day.year)
        assert day not in named_by(parsed)
        neighbours = [
            holiday
            for holiday in parsed.holidays
            if 0 < abs((holiday - day).days) <= 2
            and all(
                between.weekday() >= 5
                for between in (
                    date.fromordinal(n)
                    for n in range(min(holiday, day).toordinal() + 1, max(holiday, day).toordinal())
                )
            )
        ]
        assert len(neighbours) == 1, day
        holiday = neighbours[0]
        assert f"{holiday.month}月{holiday.day}日放假，与周末连休。" in text_of(str(parsed.year))


def test_the_2024_notice_does_not_make_new_years_eve_a_holiday():
    parsed = notice(2024)
    assert date(2024, 2, 9) not in parsed.holidays
    assert date(2024, 2, 9) not in parsed.makeup_days
    assert min(day for day, name in parsed.holidays.items() if name == "春节") == date(2024, 2, 10)


def test_the_2026_encouragement_to_take_annual_leave_adds_nothing():
    parsed = notice(2026)
    assert len(parsed.holidays) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert sorted(parsed.makeup_days) == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]


def test_the_2019_new_years_holiday_starts_in_december_of_the_year_before():
    parsed = notice(2019)
    assert parsed.holidays[date(2018, 12, 30)] == "元旦"
    assert parsed.holidays[date(2018, 12, 31)] == "元旦"
    assert parsed.makeup_days[date(2018, 12, 29)] == "元旦"


def test_a_day_is_named_after_its_section_and_a_combined_section_as_written():
    assert notice(2026).holidays[date(2026, 2, 21)] == "春节"  # a Saturday inside the block
    assert notice(2026).makeup_days[date(2026, 2, 28)] == "春节"
    assert notice(2017).holidays[date(2017, 10, 4)] == "中秋节、国庆节"
    assert notice(2023).holidays[date(2023, 9, 29)] == "中秋节、国庆节"
    assert notice(2020).holidays[date(2020, 10, 1)] == "国庆节、中秋节"
    assert notice(2025).makeup_days[date(2025, 10, 11)] == "国庆节、中秋节"


def test_a_day_in_lieu_is_a_day_off_too():
    assert notice(2017).holidays[date(2017, 1, 2)] == "元旦"


def test_dates_outside_the_arrangement_are_ignored():
    # 2025's opening paragraph has "自2025年1月1日起" and "国庆节自10月1日起放假调休7天";
    # every notice ends with the signature date.
    parsed = notice(2025)
    assert date(2024, 11, 12) not in named_by(parsed)
    assert min(parsed.holidays) == date(2025, 1, 1)
    assert date(2025, 1, 2) not in parsed.holidays
    assert date(2019, 3, 22) not in named_by(notice(2019))


def test_the_2020_extension_lengthens_spring_festival_and_drops_its_saturday_make_up_day():
    parsed = notice(2020)
    for day in (date(2020, 1, 31), date(2020, 2, 1), date(2020, 2, 2)):
        assert parsed.holidays[day] == "春节"
    assert date(2020, 2, 1) not in parsed.makeup_days
    assert parsed.makeup_days[date(2020, 1, 19)] == "春节"
    assert date(2020, 2, 3) not in named_by(parsed)


def test_the_2020_notice_alone_keeps_the_original_spring_festival():
    original = text_of("2020").split("国务院办公厅关于延长")[0]
    parsed = parse_notice(original)
    assert max(day for day, name in parsed.holidays.items() if name == "春节") == date(2020, 1, 30)
    assert parsed.makeup_days[date(2020, 2, 1)] == "春节"


def test_an_extension_sentence_pasted_after_the_notice_is_enough():
    original = text_of("2020").split("国务院办公厅关于延长")[0]
    extended = parse_notice(original + "\n将2020年春节假期延长至2月2日（农历正月初九，星期日）。\n")
    assert extended == notice(2020)


def test_the_2019_adjustment_replaces_the_labour_day_section():
    parsed = notice(2019)
    labour = sorted(day for day, name in parsed.holidays.items() if name == "劳动节")
    assert labour == [date(2019, 5, day) for day in (1, 2, 3, 4)]
    assert parsed.makeup_days[date(2019, 4, 28)] == "劳动节"
    assert parsed.makeup_days[date(2019, 5, 5)] == "劳动节"
    original = parse_notice(text_of("2019").split("国务院办公厅关于调整")[0])
    assert [day for day, name in original.holidays.items() if name == "劳动节"] == [
        date(2019, 5, 1)
    ]


@pytest.mark.parametrize("year", ["2020", "2026"])
def test_a_copy_from_a_web_page_reads_the_same_as_the_official_text(year):
    assert parse_notice(text_of(f"{year}-web")) == notice(int(year))


@pytest.mark.parametrize("year", YEARS)
def test_ascii_punctuation_and_stray_spaces_read_the_same(year):
    text = text_of(str(year))
    for wide, narrow in {"（": " (", "）": ") ", "：": ": ", "，": ", ", "。": ".\n\n"}.items():
        text = text.replace(wide, narrow)
    assert parse_notice(text) == notice(year)


# Texts that must be refused -----------------------------------------------------------------


def test_empty_text_is_refused():
    assert problems_of("  \n\u3000\n") == ["粘贴的通知内容是空的。"]


def test_random_prose_is_refused_for_want_of_a_year_and_an_arrangement():
    problems = problems_of("今天天气很好，我们去公园散步。明天可能下雨，记得带伞。")
    assert any("年份" in problem for problem in problems)
    assert any("编号的放假安排" in problem for problem in problems)


def test_a_notice_without_a_year_is_refused():
    problems = problems_of(text_of("2026").replace("2026年", ""))
    assert problems == [
        "没有找到通知所针对的年份（应有“关于2026年部分节假日安排的通知”"
        "或“现将2026年……通知如下”这样的句子）。"
    ]


def test_a_notice_with_the_qingming_section_deleted_says_qingming_is_missing():
    assert problems_of(without_line(text_of("2024"), "三、清明节")) == [
        "未读出清明节（4月4日）的放假安排。"
    ]
    # In 2026 Qingming (5 April) is a Sunday: the missing section is still noticed.
    assert problems_of(without_line(text_of("2026"), "三、清明节")) == ["未读出清明节的放假安排。"]


def test_a_section_without_dates_is_refused():
    text = text_of("2026").replace(
        "三、清明节：4月4日（周六）至6日（周一）放假，共3天。", "三、清明节：另行通知。"
    )
    assert problems_of(text) == ["第三项“清明节”中没有找到放假日期。"]


def test_a_statutory_holiday_left_out_of_its_section_is_refused():
    text = text_of("2024").replace("4月4日至6日放假调休，共3天", "4月5日至6日放假调休，共2天")
    assert problems_of(text) == ["法定节假日清明节（4月4日）不在第三项“清明节”的放假日期中。"]


def test_a_wrong_weekday_is_refused():
    text = text_of("2026").replace("1月4日（周日）上班", "1月4日（周一）上班")
    assert problems_of(text) == ["第一项“元旦”中写的是“1月4日（周一）”，但1月4日是星期日。"]


def test_a_wrong_lunar_date_is_refused():
    text = text_of("2025").replace("农历正月初七", "农历正月初八")
    assert problems_of(text) == [
        "第二项“春节”中写的是“2月4日（农历正月初八）”，但2月4日是农历正月初七。"
    ]


def test_a_day_count_that_does_not_match_the_dates_is_refused():
    text = text_of("2026").replace("共9天", "共8天")
    assert problems_of(text) == [
        "第二项“春节”中写明共8天，但读出的放假日期是9天（2月15日至2月23日）。"
    ]


def test_february_30th_is_refused():
    text = text_of("2026").replace("2月28日（周六）上班", "2月30日（周六）上班")
    assert problems_of(text) == ["第二项“春节”中的日期“2月30日”不存在。"]


def test_a_date_far_outside_the_notices_year_is_refused():
    text = text_of("2026").replace("9月20日（周日）、", "2027年9月20日（周日）、")
    assert problems_of(text) == [
        "第七项“国庆节”中的日期“2027年9月20日”不在2026年前后，不像是这份通知的安排。"
    ]


def test_a_make_up_day_on_a_weekday_is_refused():
    text = text_of("2026").replace("5月9日（周六）上班", "5月8日（周五）上班")
    assert problems_of(text) == ["第四项“劳动节”中的调休上班日5月8日是星期五，本来就是工作日。"]


def test_a_date_neither_off_nor_at_work_is_refused():
    text = text_of("2026").replace("1月4日（周日）上班", "1月4日（周日）")
    assert problems_of(text) == ["第一项“元旦”中的1月4日没有说明是放假还是上班。"]


def test_unreadable_words_in_brackets_are_refused():
    text = text_of("2026").replace("1月1日（周四）", "1月1日（周四，全天）")
    assert problems_of(text) == ["第一项“元旦”中日期“1月1日”后括号中的“全天”无法理解。"]


def test_an_extension_that_does_not_fit_the_holiday_is_refused():
    text = text_of("2020").replace("2月3日（星期一）起正常上班", "2月4日（星期二）起正常上班")
    assert problems_of(text) == [
        "延长春节假期的通知中写的是2月4日起上班，但延长后的假期到2月2日为止。"
    ]
    text = text_of("2020").replace("假期至2月2日（农历正月初九，星期日）", "假期至1月29日")
    assert problems_of(text) == [
        "延长春节假期的通知中的假期延长至1月29日，但原来的假期已经放到1月30日。"
    ]


def test_every_problem_is_listed_not_just_the_first():
    text = without_line(text_of("2026"), "五、端午节")
    text = text.replace("1月4日（周日）上班", "1月4日（周一）上班")
    text = text.replace("2月28日（周六）上班", "2月30日（周六）上班")
    text = text.replace("共5天", "共4天")
    assert problems_of(text) == [
        "第一项“元旦”中写的是“1月4日（周一）”，但1月4日是星期日。",
        "第二项“春节”中的日期“2月30日”不存在。",
        "第四项“劳动节”中写明共4天，但读出的放假日期是5天（5月1日至5月5日）。",
        "未读出端午节（6月19日）的放假安排。",
    ]
