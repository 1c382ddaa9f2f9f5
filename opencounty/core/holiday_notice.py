"""Reading the State Council General Office's yearly holiday notice.

A county office pastes the text of 《国务院办公厅关于XXXX年部分节假日安排的通知》 into the
admin; `parse_notice` turns it into the days off and the make-up working days (调休上班) of
that year, or raises `NoticeNotUnderstood` listing everything it could not read. Nothing is
guessed: a date that does not exist or lies more than a few weeks outside the year, a weekday
or lunar date in brackets that does not match the date, a "共N天" that does not match the days
read, a date said to be neither off nor at work, a make-up working day on a weekday, one of
the seven holidays without a section, or a statutory holiday on a weekday
(`core.statutory`) outside its section is a problem, not a silent fix.

What is read:

- The year, from the title ("关于2026年部分节假日安排的通知") or the opening sentence
  ("现将2026年元旦、春节……通知如下"); dates without a year are in that year.
- The numbered sections "一、元旦：……" to "七、国庆节：……". A section's days are named after
  the section as written, so the days of a combined section "六、中秋节、国庆节：" are all
  named "中秋节、国庆节" (the names joined by "、" in the order the notice gives them).
- In a section: days off ("1月27日至2月2日放假调休", "4月4日（周六）至6日（周一）放假",
  "1月1日放假，1月2日（星期一）补休"), make-up working days ("1月22日（星期日）、2月4日
  （星期六）上班") and the count "共N天" / "放假N天". A range includes its weekend days; the
  weekend next to "X月X日放假，与周末连休" is an ordinary weekend, not a day the notice names.
  Sentences of encouragement ("鼓励……") are skipped.
- Later notices pasted with the yearly one: an extension ("延长2020年春节假期至2月2日……",
  "……春节假期延长至2月2日……") extends that holiday's block to the given day and drops the
  make-up days inside the longer block; an adjustment ("关于调整2019年劳动节假期安排的通知",
  whose first item gives the new dates) replaces that holiday's section.

Everything before the first section (title, salutation, opening) and after the last one
(closing paragraph, signature and its date, web page leftovers) is ignored, apart from the
extension and adjustment notices.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _
from tyme4py.solar import SolarDay

from opencounty.core.statutory import FIRST_YEAR, LAST_YEAR, statutory_holidays

HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_ALIASES = {
    "清明": "清明节",
    "五一": "劳动节",
    "端午": "端午节",
    "中秋": "中秋节",
    "国庆": "国庆节",
}
_NAME_PATTERN = "|".join(sorted({*HOLIDAY_NAMES, *_ALIASES}, key=len, reverse=True))

# How far outside the notice's year a date may lie (the new year's holiday may start in
# late December of the year before).
_EARLIEST = (12, 1)  # of the year before
_LATEST = (1, 31)  # of the year after

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_NAMES = "一二三四五六日"
_UNITS = "一二三四五六七八九"
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_LUNAR_MONTH_NAMES = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]

_DATE = (
    r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日"
    r"(?:\((?P<note>[^()]*)\))?"
)
_TOKEN = re.compile(
    rf"(?P<date>{_DATE})"
    r"|(?P<count>(?:(?P<count_off>放假)|共)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})天)"
    r"|(?P<resume>起(?:正常)?上班)"
    r"|(?P<work>上班)"
    r"|(?P<off>放假|补休)"
    r"|(?P<to>至|到|~|-|—|–)"
)
_HAS_DATE = re.compile(r"\d日")
# The signature: "国务院办公厅" and the date the notice was issued, on one line or two.
_SIGNATURE = re.compile(r"(?:国务院办公厅)?\d{4}年\d{1,2}月\d{1,2}日")
_SENTENCE_END = re.compile(r"[。;]|(?<![\d一二三四五六七八九十])\.")
_NUMBER = r"[一二三四五六七八九十]{1,3}|\d{1,2}"
_HEADER = re.compile(
    rf"^(?:\((?P<n1>{_NUMBER})\)|(?P<n2>{_NUMBER})[、.])(?:\d{{4}}年)?"
    r"(?P<names>[^:。()\d]{1,20}):(?P<rest>.*)$"
)
_ITEM_NUMBER = re.compile(rf"^(?:\((?:{_NUMBER})\)|(?:{_NUMBER})[、.])")
_TITLE_YEAR = re.compile(r"关于(\d{4})年(?:部分)?节假日安排的通知")
_OPENING_YEAR = re.compile(r"现将(\d{4})年")
_EXTENSION = re.compile(
    rf"延长(?:(?P<year_a>\d{{4}})年)?(?P<name_a>{_NAME_PATTERN})假期至"
    rf"|(?:(?P<year_b>\d{{4}})年)?(?P<name_b>{_NAME_PATTERN})假期延长至"
)
_ADJUSTMENT = re.compile(
    rf"调整(?:(?P<year>\d{{4}})年)?(?P<name>{_NAME_PATTERN})(?:假期|放假)(?:调休)?安排"
)
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class ParsedNotice:
    """The arrangement of one year's notice (with any extension or adjustment pasted after it)."""

    year: int
    holidays: dict[date, str]
    makeup_days: dict[date, str]


class NoticeNotUnderstood(ValueError):
    """The text could not be read as a holiday notice; `problems` says why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_notice(text: str) -> ParsedNotice:
    """Read the days off and make-up working days from the pasted text of a holiday notice.

    Raises NoticeNotUnderstood listing every problem found when anything in the arrangement
    cannot be read, is inconsistent, or misses a statutory holiday of the year."""
    return _Reader(text).read()


# --- text --------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SPACES.sub("", text).strip()


def _unfinished(line: str) -> bool:
    """A line that a web page broke in the middle of a sentence."""
    return line.endswith(("至", "到", "、", ",", "(", ":", "~", "-", "—")) or line.count(
        "("
    ) > line.count(")")


def _sentences(text: str) -> list[str]:
    lines: list[str] = []
    buffer = ""
    for line in text.split("\n"):
        if not line:
            continue
        if buffer and _ITEM_NUMBER.match(line):
            lines.append(buffer)  # a numbered item always starts afresh
            buffer = ""
        buffer += line
        if not _unfinished(buffer):
            lines.append(buffer)
            buffer = ""
    if buffer:
        lines.append(buffer)
    return [part for line in lines for part in _SENTENCE_END.split(line) if part]


def _small_number(text: str) -> int | None:
    """1-99 in digits or Chinese numerals (十, 十二, 二十, 廿三, 三十, 初七)."""
    if text.isdigit():
        return int(text)
    text = text.removeprefix("初").replace("廿", "二十")
    if text in _DIGITS:
        return _DIGITS[text]
    tens, sep, units = text.partition("十")
    if not sep or (tens and tens not in _DIGITS) or (units and units not in _DIGITS):
        return None
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(units, 0)


def _lunar_date(text: str) -> tuple[bool, int, int] | str | None:
    """'除夕', '正月初七', '腊月二十八', '闰四月初一' -> (leap, month, day) or '除夕'."""
    if text == "除夕":
        return text
    match = re.fullmatch(r"(闰)?(正|冬|腊|[一二三四五六七八九十]{1,2})月(.+)", text)
    if not match:
        return None
    month = _LUNAR_MONTHS.get(match[2]) or _small_number(match[2])
    day = _small_number(match[3])
    if not month or not day or month > 12 or day > 30:
        return None
    return bool(match[1]), month, day


def _lunar_name(solar: date) -> str:
    lunar = SolarDay.from_ymd(solar.year, solar.month, solar.day).get_lunar_day()
    month = lunar.get_lunar_month()
    day = lunar.get_day()
    if day <= 10:
        day_name = "初" + ("十" if day == 10 else _UNITS[day - 1])
    elif day < 20:
        day_name = "十" + _UNITS[day - 11]
    elif day == 20:
        day_name = "二十"
    elif day < 30:
        day_name = "廿" + _UNITS[day - 21]
    else:
        day_name = "三十"
    leap = "闰" if month.is_leap() else ""
    return f"{leap}{_LUNAR_MONTH_NAMES[abs(lunar.get_month()) - 1]}月{day_name}"


def _lunar_matches(solar: date, stated: tuple[bool, int, int] | str) -> bool:
    lunar = SolarDay.from_ymd(solar.year, solar.month, solar.day).get_lunar_day()
    month = lunar.get_lunar_month()
    if stated == "除夕":
        return (
            abs(lunar.get_month()) == 12
            and not month.is_leap()
            and lunar.get_day() == month.get_day_count()
        )
    leap, number, day = stated
    return (month.is_leap(), abs(lunar.get_month()), lunar.get_day()) == (leap, number, day)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# --- reading -----------------------------------------------------------------------------


@dataclass
class _Section:
    number: str
    name: str
    names: tuple[str, ...]
    holidays: set[date] = field(default_factory=set)
    makeups: set[date] = field(default_factory=set)

    @property
    def where(self) -> str:
        return _("第%(number)s项“%(name)s”中") % {"number": self.number, "name": self.name}


@dataclass
class _Sentence:
    """What one sentence of an arrangement says."""

    off: set[date] = field(default_factory=set)
    work: set[date] = field(default_factory=set)
    resume: list[tuple[date, str]] = field(default_factory=list)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = _normalise(text)
        self.problems: list[str] = []
        self.year: int | None = None
        self.adjusted: set[int | None] = set()

    def problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def show(self, day: date) -> str:
        if day.year == self.year:
            return _("%(month)s月%(day)s日") % {"month": day.month, "day": day.day}
        return _("%(year)s年%(month)s月%(day)s日") % {
            "year": day.year,
            "month": day.month,
            "day": day.day,
        }

    def show_days(self, days: set[date]) -> str:
        ordered = sorted(days)
        if ordered and len(ordered) > 2 and ordered == _days(ordered[0], ordered[-1]):
            return _("%(start)s至%(end)s") % {
                "start": self.show(ordered[0]),
                "end": self.show(ordered[-1]),
            }
        return "、".join(self.show(day) for day in ordered)

    # The whole text -------------------------------------------------------------------

    def read(self) -> ParsedNotice:
        if not self.text:
            raise NoticeNotUnderstood([_("粘贴的通知内容是空的。")])
        sentences = _sentences(self.text)
        markers = {
            index
            for index, sentence in enumerate(sentences)
            if _EXTENSION.search(sentence) or _ADJUSTMENT.search(sentence)
        }
        headers = [
            (index, header)
            for index, sentence in enumerate(sentences)
            if index not in markers and (header := self.header(sentence))
        ]
        first = headers[0][0] if headers else len(sentences)
        self.year = self.find_year(sentences[:first])
        sections = self.read_sections(sentences, headers, markers)
        if not headers:
            self.problem(_("没有找到编号的放假安排（如“一、元旦：1月1日放假。”）。"))
        for index in sorted(markers):
            self.read_amendment(sentences, index, markers, sections)
        holidays, makeups = self.combine(sections)
        if self.year is not None and sections:
            self.check_statutory(sections)
        if self.problems or self.year is None:
            raise NoticeNotUnderstood(self.problems)
        return ParsedNotice(
            year=self.year,
            holidays=dict(sorted(holidays.items())),
            makeup_days=dict(sorted(makeups.items())),
        )

    def find_year(self, preamble: list[str]) -> int | None:
        found: list[int] = []
        for pattern in (_OPENING_YEAR, _TITLE_YEAR):
            for sentence in preamble:
                found += [int(year) for year in pattern.findall(sentence)]
        if not found:
            self.problem(
                _(
                    "没有找到通知所针对的年份（应有“关于2026年部分节假日安排的通知”"
                    "或“现将2026年……通知如下”这样的句子）。"
                )
            )
            return None
        if len(set(found)) > 1:
            years = "、".join(_("%(year)s年") % {"year": year} for year in dict.fromkeys(found))
            self.problem(_("通知中写的年份不一致：%(years)s。") % {"years": years})
            return None
        year = found[0]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.problem(
                _("%(year)s年不在能核对法定节假日的年份范围内（%(first)s年至%(last)s年）。")
                % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
            )
            return None
        return year

    def header(self, sentence: str) -> _Section | None:
        match = _HEADER.match(sentence)
        if not match:
            return None
        written = [part for part in re.split(r"[、,和与及/]", match["names"]) if part]
        names = tuple(_ALIASES.get(part, part) for part in written)
        known = all(name in HOLIDAY_NAMES for name in names)
        if not known and not _TOKEN.search(match["rest"] or ""):
            return None
        number = match["n1"] or match["n2"]
        if not known:
            self.problem(
                _("第%(number)s项的节日名称“%(name)s”无法识别。")
                % {"number": number, "name": match["names"]}
            )
        return _Section(number=number, name="、".join(names), names=names)

    def read_sections(
        self,
        sentences: list[str],
        headers: list[tuple[int, _Section]],
        markers: set[int],
    ) -> list[_Section]:
        sections: list[_Section] = []
        for position, (index, section) in enumerate(headers):
            last = position == len(headers) - 1
            stop = len(sentences) if last else headers[position + 1][0]
            body = [_HEADER.match(sentences[index])["rest"]]
            for later in range(index + 1, stop):
                if later in markers:
                    if last:
                        break
                    continue
                sentence = sentences[later]
                if last and _closing(sentence):
                    break  # the closing paragraph or the signature: the arrangement is over
                body.append(sentence)
            self.read_body(section, body)
            if not section.holidays:
                self.problem(
                    _("第%(number)s项“%(name)s”中没有找到放假日期。")
                    % {"number": section.number, "name": section.name}
                )
            for name in section.names:
                earlier = next((s for s in sections if name in s.names), None)
                if earlier is not None:
                    self.problem(
                        _("%(name)s的放假安排出现了不止一次（第%(first)s项和第%(second)s项）。")
                        % {"name": name, "first": earlier.number, "second": section.number}
                    )
            sections.append(section)
        return sections

    def read_body(self, section: _Section, body: list[str], where: str | None = None) -> None:
        where = where or section.where
        for sentence in body:
            if "鼓励" in sentence:
                continue  # encouragement, e.g. to take new year's eve off as annual leave
            said = self.read_sentence(sentence, where)
            section.holidays |= said.off
            section.makeups |= said.work
            for day, text in said.resume:
                expected = max(section.holidays, default=None)
                if expected is None or day != expected + timedelta(days=1):
                    self.problem(
                        _("%(where)s写的是%(text)s起上班，与放假日期对不上。")
                        % {"where": where, "text": text}
                    )
        for day in sorted(section.makeups):
            if day.weekday() < 5 and self.year is not None:
                self.problem(
                    _("%(where)s的调休上班日%(date)s是星期%(weekday)s，本来就是工作日。")
                    % {
                        "where": where,
                        "date": self.show(day),
                        "weekday": _WEEKDAY_NAMES[day.weekday()],
                    }
                )

    # One sentence -----------------------------------------------------------------------

    def read_sentence(self, sentence: str, where: str) -> _Sentence:
        said = _Sentence()
        pending: list[tuple[date, date]] = []
        pending_text: list[str] = []
        counts: list[int] = []
        previous: re.Match[str] | None = None
        range_open = False
        start: date | None = None
        for token in _TOKEN.finditer(sentence):
            kind = next(k for k in ("date", "count", "resume", "work", "off", "to") if token[k])
            if kind == "date":
                is_end = range_open and start is not None
                day = self.resolve(token, where, start if is_end else None)
                if is_end:
                    if day is not None and day <= start:
                        self.problem(
                            _("%(where)s“%(start)s至%(end)s”的结束日期不晚于开始日期。")
                            % {"where": where, "start": pending_text[-1], "end": token[0]}
                        )
                    elif day is not None:
                        pending[-1] = (start, day)
                        pending_text[-1] += "至" + _strip_note(token[0])
                    start = None
                elif day is not None:
                    pending.append((day, day))
                    pending_text.append(_strip_note(token[0]))
                    start = day
                else:
                    start = None
                range_open = False
            elif kind == "to":
                range_open = previous is not None and previous["date"] is not None
            elif kind in ("off", "count") and (kind == "off" or token["count_off"]):
                said.off |= {d for first, last in pending for d in _days(first, last)}
                pending, pending_text, start = [], [], None
                if kind == "count":
                    counts.append(_small_number(token["n"]) or 0)
            elif kind == "count":
                counts.append(_small_number(token["n"]) or 0)
            elif kind == "work":
                said.work |= {d for first, last in pending for d in _days(first, last)}
                pending, pending_text, start = [], [], None
            elif kind == "resume":
                said.resume += [
                    (first, text)
                    for (first, _last), text in zip(pending, pending_text, strict=True)
                ]
                pending, pending_text, start = [], [], None
            previous = token
        if pending_text:
            self.problem(
                _("%(where)s的%(dates)s没有说明是放假还是上班。")
                % {"where": where, "dates": "、".join(pending_text)}
            )
        for count in counts:
            if count != len(said.off):
                self.problem(
                    _("%(where)s写明共%(stated)s天，但读出的放假日期是%(actual)s天（%(days)s）。")
                    % {
                        "where": where,
                        "stated": count,
                        "actual": len(said.off),
                        "days": self.show_days(said.off) or _("无"),
                    }
                )
        return said

    def resolve(self, token: re.Match[str], where: str, start: date | None) -> date | None:
        """The date a date token stands for; a range's end takes year and month from its start."""
        text = _strip_note(token[0])
        year = token["year"] or (start.year if start else None) or self.year or 2000
        month = token["month"] or (start.month if start else None)
        if month is None:
            self.problem(
                _("%(where)s的日期“%(text)s”没有写月份。") % {"where": where, "text": text}
            )
            return None
        try:
            day = date(int(year), int(month), int(token["day"]))
        except ValueError:
            self.problem(_("%(where)s的日期“%(text)s”不存在。") % {"where": where, "text": text})
            return None
        if self.year is None:
            return day  # nothing to check it against
        earliest = date(self.year - 1, *_EARLIEST)
        latest = date(self.year + 1, *_LATEST)
        if not earliest <= day <= latest:
            self.problem(
                _("%(where)s的日期“%(text)s”不在%(year)s年前后，不像是这份通知的安排。")
                % {"where": where, "text": text, "year": self.year}
            )
            return None
        if token["note"]:
            self.check_note(day, text, token["note"], where)
        return day

    def check_note(self, day: date, text: str, note: str, where: str) -> None:
        """The weekday and lunar date in brackets after a date must be those of the date."""
        for part in (part for part in re.split(r"[、,]", note) if part):
            weekday = re.fullmatch(r"(?:星期|周|礼拜)([一二三四五六日天])", part)
            lunar = _lunar_date(part.removeprefix("农历")) if part.startswith("农历") else None
            if weekday:
                if _WEEKDAYS[weekday[1]] != day.weekday():
                    self.problem(
                        _("%(where)s写的是“%(text)s（%(stated)s）”，但%(date)s是星期%(actual)s。")
                        % {
                            "where": where,
                            "text": text,
                            "stated": part,
                            "date": self.show(day),
                            "actual": _WEEKDAY_NAMES[day.weekday()],
                        }
                    )
            elif lunar:
                if not _lunar_matches(day, lunar):
                    self.problem(
                        _("%(where)s写的是“%(text)s（%(stated)s）”，但%(date)s是农历%(actual)s。")
                        % {
                            "where": where,
                            "text": text,
                            "stated": part,
                            "date": self.show(day),
                            "actual": _lunar_name(day),
                        }
                    )
            else:
                self.problem(
                    _("%(where)s日期“%(text)s”后括号中的“%(part)s”无法理解。")
                    % {"where": where, "text": text, "part": part}
                )

    # Extensions and adjustments ------------------------------------------------------------

    def read_amendment(
        self, sentences: list[str], index: int, markers: set[int], sections: list[_Section]
    ) -> None:
        sentence = sentences[index]
        extension = _EXTENSION.search(sentence)
        if extension:
            self.extend(sentence, extension, sections)
            return
        adjustment = _ADJUSTMENT.search(sentence)
        name = _ALIASES.get(adjustment["name"], adjustment["name"])
        where = _("调整%(name)s假期安排的通知中") % {"name": name}
        # The adjustment's arrangement: its first numbered item with dates (the title and the
        # opening sentence both name the adjustment and lead to the same item).
        body: list[str] = []
        start = None
        for later in range(index + 1, len(sentences)):
            if _HEADER.match(sentences[later]) or (
                later in markers and (body or not _ADJUSTMENT.search(sentences[later]))
            ):
                break
            item = _ITEM_NUMBER.sub("", sentences[later])
            if "鼓励" in item or later in markers:
                continue
            if _closing(item):
                if body:
                    break
                continue
            start = later if start is None else start
            body.append(item)
        if start is not None and start in self.adjusted:
            return
        self.adjusted.add(start)
        self.check_amendment_year(adjustment["year"], where)
        section = next((s for s in sections if name in s.names), None)
        if section is None:
            self.problem(
                _("%(where)s要调整的%(name)s在节假日安排中没有对应的一项。")
                % {"where": where, "name": name}
            )
            return
        adjusted = _Section(section.number, section.name, section.names)
        self.read_body(adjusted, body, where)
        if not adjusted.holidays:
            self.problem(_("%(where)s没有找到放假日期。") % {"where": where})
            return
        section.holidays, section.makeups = adjusted.holidays, adjusted.makeups

    def extend(self, sentence: str, match: re.Match[str], sections: list[_Section]) -> None:
        name = match["name_a"] or match["name_b"]
        name = _ALIASES.get(name, name)
        where = _("延长%(name)s假期的通知中") % {"name": name}
        self.check_amendment_year(match["year_a"] or match["year_b"], where)
        rest = sentence[match.end() :]
        first = _TOKEN.match(rest)
        if not first or not first["date"]:
            self.problem(_("%(where)s没有找到假期延长到哪一天。") % {"where": where})
            return
        end = self.resolve(first, where, None)
        said = self.read_sentence(rest[first.end() :], where)
        if said.off or said.work:
            self.problem(
                _("%(where)s除了延长到的日期，还写了%(days)s，无法确定如何安排。")
                % {"where": where, "days": self.show_days(said.off | said.work)}
            )
        section = next((s for s in sections if name in s.names), None)
        if section is None:
            self.problem(
                _("%(where)s要延长的%(name)s在节假日安排中没有对应的一项。")
                % {"where": where, "name": name}
            )
            return
        if end is None or not section.holidays:
            return
        current = max(section.holidays)
        if end <= current:
            self.problem(
                _("%(where)s的假期延长至%(end)s，但原来的假期已经放到%(current)s。")
                % {"where": where, "end": self.show(end), "current": self.show(current)}
            )
            return
        section.holidays |= set(_days(current + timedelta(days=1), end))
        first_day = min(section.holidays)
        for other in sections:
            other.makeups = {day for day in other.makeups if not first_day <= day <= end}
        for day, text in said.resume:
            if day != end + timedelta(days=1):
                self.problem(
                    _("%(where)s写的是%(text)s起上班，但延长后的假期到%(end)s为止。")
                    % {"where": where, "text": text, "end": self.show(end)}
                )

    def check_amendment_year(self, written: str | None, where: str) -> None:
        if written and self.year is not None and int(written) != self.year:
            self.problem(
                _("%(where)s写的是%(written)s年，与节假日安排的%(year)s年不符。")
                % {"where": where, "written": written, "year": self.year}
            )

    # The whole arrangement -----------------------------------------------------------------

    def combine(self, sections: list[_Section]) -> tuple[dict[date, str], dict[date, str]]:
        holidays: dict[date, str] = {}
        makeups: dict[date, str] = {}
        for section in sections:
            for day in sorted(section.holidays):
                if day in holidays and holidays[day] != section.name:
                    self.problem(
                        _("%(date)s同时出现在“%(first)s”和“%(second)s”的放假日期中。")
                        % {"date": self.show(day), "first": holidays[day], "second": section.name}
                    )
                holidays.setdefault(day, section.name)
            for day in sorted(section.makeups):
                if day in makeups and makeups[day] != section.name:
                    self.problem(
                        _("%(date)s同时写在“%(first)s”和“%(second)s”的调休上班日中。")
                        % {"date": self.show(day), "first": makeups[day], "second": section.name}
                    )
                makeups.setdefault(day, section.name)
        for day in sorted(holidays.keys() & makeups.keys()):
            self.problem(_("%(date)s既是放假日期又是调休上班日。") % {"date": self.show(day)})
        return holidays, makeups

    def check_statutory(self, sections: list[_Section]) -> None:
        """Every holiday must have a section, and every statutory holiday on a weekday must be a
        day off of the section that names it."""
        statutory = statutory_holidays(self.year)
        for name in HOLIDAY_NAMES:
            section = next((s for s in sections if name in s.names), None)
            weekdays = {d for d, n in statutory.items() if n == name and d.weekday() < 5}
            if section is None:
                if weekdays:
                    self.problem(
                        _("未读出%(name)s（%(dates)s）的放假安排。")
                        % {"name": name, "dates": self.show_days(weekdays)}
                    )
                else:
                    self.problem(_("未读出%(name)s的放假安排。") % {"name": name})
                continue
            if not section.holidays:
                continue  # already reported: the section has no dates
            for day in sorted(weekdays - section.holidays):
                self.problem(
                    _("法定节假日%(name)s（%(date)s）不在第%(number)s项“%(section)s”的放假日期中。")
                    % {
                        "name": name,
                        "date": self.show(day),
                        "number": section.number,
                        "section": section.name,
                    }
                )


def _closing(sentence: str) -> bool:
    """A sentence that cannot belong to an arrangement: it has no date (and is not an
    encouragement, which may mention one), or it is the signature."""
    if "鼓励" in sentence:
        return False
    return not _HAS_DATE.search(sentence) or bool(_SIGNATURE.fullmatch(sentence))


def _strip_note(text: str) -> str:
    return text.split("(", 1)[0]
