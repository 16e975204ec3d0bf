#include "core/businesscalendar.h"

#include <QDate>
#include <QTest>

using sg::BusinessCalendar;

// Expected values come from the statutory rules (Labour Code, art. 112) and the Government's decrees on
// transferred days off: No. 1335 of 04.10.2024 (2025), No. 1466 of 24.09.2025 (2026), No. 1187 of 17.09.2026
// (2027). The published totals (247 working days in 2025 and in 2026) are checked as a whole-year cross-check.
class TestBusinessCalendar : public QObject
{
    Q_OBJECT

private slots:
    void isBusinessDay_data();
    void isBusinessDay();
    void addBusinessDays_data();
    void addBusinessDays();
    void holidayName_data();
    void holidayName();
    void businessDaysPerYear_data();
    void businessDaysPerYear();
    void decreeYears();
    void addIsInverseOfSubtract();
};

void TestBusinessCalendar::isBusinessDay_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("business");

    // A regular week.
    QTest::newRow("2025-10-13 Mon") << QDate(2025, 10, 13) << true;
    QTest::newRow("2025-10-14 Tue") << QDate(2025, 10, 14) << true;
    QTest::newRow("2025-10-15 Wed") << QDate(2025, 10, 15) << true;
    QTest::newRow("2025-10-16 Thu") << QDate(2025, 10, 16) << true;
    QTest::newRow("2025-10-17 Fri") << QDate(2025, 10, 17) << true;
    QTest::newRow("2025-10-18 Sat") << QDate(2025, 10, 18) << false;
    QTest::newRow("2025-10-19 Sun") << QDate(2025, 10, 19) << false;

    // 2025, decree No. 1335.
    QTest::newRow("2025-01-01 New Year") << QDate(2025, 1, 1) << false;
    QTest::newRow("2025-01-08 New Year") << QDate(2025, 1, 8) << false;
    QTest::newRow("2025-01-09 first working day") << QDate(2025, 1, 9) << true;
    QTest::newRow("2025-02-23 Sun holiday") << QDate(2025, 2, 23) << false;
    QTest::newRow("2025-02-24 Mon works: moved to 8 May") << QDate(2025, 2, 24) << true;
    QTest::newRow("2025-03-08 Sat holiday") << QDate(2025, 3, 8) << false;
    QTest::newRow("2025-03-10 Mon works: moved to 13 Jun") << QDate(2025, 3, 10) << true;
    QTest::newRow("2025-04-30 Wed") << QDate(2025, 4, 30) << true;
    QTest::newRow("2025-05-01 Thu holiday") << QDate(2025, 5, 1) << false;
    QTest::newRow("2025-05-02 Fri from 4 Jan") << QDate(2025, 5, 2) << false;
    QTest::newRow("2025-05-05 Mon") << QDate(2025, 5, 5) << true;
    QTest::newRow("2025-05-08 Thu from 23 Feb") << QDate(2025, 5, 8) << false;
    QTest::newRow("2025-05-09 Fri holiday") << QDate(2025, 5, 9) << false;
    QTest::newRow("2025-06-12 Thu holiday") << QDate(2025, 6, 12) << false;
    QTest::newRow("2025-06-13 Fri from 8 Mar") << QDate(2025, 6, 13) << false;
    QTest::newRow("2025-11-01 working Saturday") << QDate(2025, 11, 1) << true;
    QTest::newRow("2025-11-03 Mon from 1 Nov") << QDate(2025, 11, 3) << false;
    QTest::newRow("2025-11-04 Tue holiday") << QDate(2025, 11, 4) << false;
    QTest::newRow("2025-12-30 Tue") << QDate(2025, 12, 30) << true;
    QTest::newRow("2025-12-31 Wed from 5 Jan") << QDate(2025, 12, 31) << false;

    // 2026, decree No. 1466; the other moves are statutory.
    QTest::newRow("2026-01-09 Fri from 3 Jan") << QDate(2026, 1, 9) << false;
    QTest::newRow("2026-01-12 Mon") << QDate(2026, 1, 12) << true;
    QTest::newRow("2026-02-23 Mon holiday") << QDate(2026, 2, 23) << false;
    QTest::newRow("2026-03-09 Mon, statutory move of Sun 8 Mar") << QDate(2026, 3, 9) << false;
    QTest::newRow("2026-03-10 Tue") << QDate(2026, 3, 10) << true;
    QTest::newRow("2026-05-11 Mon, statutory move of Sat 9 May") << QDate(2026, 5, 11) << false;
    QTest::newRow("2026-05-12 Tue") << QDate(2026, 5, 12) << true;
    QTest::newRow("2026-06-12 Fri holiday") << QDate(2026, 6, 12) << false;
    QTest::newRow("2026-11-03 Tue") << QDate(2026, 11, 3) << true;
    QTest::newRow("2026-11-04 Wed holiday") << QDate(2026, 11, 4) << false;
    QTest::newRow("2026-11-05 Thu") << QDate(2026, 11, 5) << true;
    QTest::newRow("2026-12-31 Thu from 4 Jan") << QDate(2026, 12, 31) << false;

    // 2027, decree No. 1187.
    QTest::newRow("2027-02-20 working Saturday") << QDate(2027, 2, 20) << true;
    QTest::newRow("2027-02-22 Mon from 20 Feb") << QDate(2027, 2, 22) << false;
    QTest::newRow("2027-02-23 Tue holiday") << QDate(2027, 2, 23) << false;
    QTest::newRow("2027-05-03 Mon, statutory move of Sat 1 May") << QDate(2027, 5, 3) << false;
    QTest::newRow("2027-05-10 Mon, statutory move of Sun 9 May") << QDate(2027, 5, 10) << false;
    QTest::newRow("2027-06-14 Mon, statutory move of Sat 12 Jun") << QDate(2027, 6, 14) << false;
    QTest::newRow("2027-11-05 Fri from 2 Jan") << QDate(2027, 11, 5) << false;
    QTest::newRow("2027-12-31 Fri from 3 Jan") << QDate(2027, 12, 31) << false;

    // 2032 has no decree in the table: statutory rules only (update these rows when it gets one).
    QTest::newRow("2032 statutory: Mon 10 May for Sun 9 May") << QDate(2032, 5, 10) << false;
    QTest::newRow("2032 statutory: Mon 14 Jun for Sat 12 Jun") << QDate(2032, 6, 14) << false;
    QTest::newRow("2032 statutory: January weekend days are not moved") << QDate(2032, 1, 9) << true;

    QTest::newRow("invalid date") << QDate() << false;
}

void TestBusinessCalendar::isBusinessDay()
{
    QFETCH(QDate, date);
    QFETCH(bool, business);
    QCOMPARE(BusinessCalendar::isBusinessDay(date), business);
}

void TestBusinessCalendar::addBusinessDays_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<int>("n");
    QTest::addColumn<QDate>("expected");

    QTest::newRow("Fri 7 Nov 2025 + 1") << QDate(2025, 11, 7) << 1 << QDate(2025, 11, 10);
    QTest::newRow("Fri 7 Nov 2025 + 2") << QDate(2025, 11, 7) << 2 << QDate(2025, 11, 11);
    QTest::newRow("Tue 30 Dec 2025 + 1 skips New Year") << QDate(2025, 12, 30) << 1 << QDate(2026, 1, 12);
    QTest::newRow("Tue 30 Dec 2025 + 2") << QDate(2025, 12, 30) << 2 << QDate(2026, 1, 13);
    QTest::newRow("Wed 30 Dec 2026 + 1 skips New Year") << QDate(2026, 12, 30) << 1 << QDate(2027, 1, 11);
    QTest::newRow("n = 0 on a working day") << QDate(2025, 10, 15) << 0 << QDate(2025, 10, 15);
    QTest::newRow("n = 0 on a holiday") << QDate(2026, 11, 4) << 0 << QDate(2026, 11, 4);
    QTest::newRow("n = 0 on a Sunday") << QDate(2025, 10, 19) << 0 << QDate(2025, 10, 19);
    QTest::newRow("regular week, Mon + 4") << QDate(2025, 10, 13) << 4 << QDate(2025, 10, 17);
    QTest::newRow("regular week, Mon + 5") << QDate(2025, 10, 13) << 5 << QDate(2025, 10, 20);
    QTest::newRow("from a Saturday") << QDate(2025, 10, 18) << 1 << QDate(2025, 10, 20);
    QTest::newRow("Fri 31 Oct 2025 + 1 is the working Saturday") << QDate(2025, 10, 31) << 1 << QDate(2025, 11, 1);
    QTest::newRow("Fri 31 Oct 2025 + 2") << QDate(2025, 10, 31) << 2 << QDate(2025, 11, 5);
    QTest::newRow("Wed 30 Apr 2025 + 1") << QDate(2025, 4, 30) << 1 << QDate(2025, 5, 5);
    QTest::newRow("Wed 7 May 2025 + 1") << QDate(2025, 5, 7) << 1 << QDate(2025, 5, 12);
    QTest::newRow("Wed 11 Jun 2025 + 1") << QDate(2025, 6, 11) << 1 << QDate(2025, 6, 16);
    QTest::newRow("Fri 21 Feb 2025 + 1 is Mon 24 Feb") << QDate(2025, 2, 21) << 1 << QDate(2025, 2, 24);
    QTest::newRow("Tue 3 Nov 2026 + 1 skips the holiday") << QDate(2026, 11, 3) << 1 << QDate(2026, 11, 5);
    QTest::newRow("Fri 19 Feb 2027 + 1 is the working Saturday") << QDate(2027, 2, 19) << 1 << QDate(2027, 2, 20);
    QTest::newRow("Fri 19 Feb 2027 + 2") << QDate(2027, 2, 19) << 2 << QDate(2027, 2, 24);
    QTest::newRow("backwards over New Year") << QDate(2026, 1, 12) << -1 << QDate(2025, 12, 30);
    QTest::newRow("backwards over a weekend") << QDate(2025, 10, 20) << -1 << QDate(2025, 10, 17);
    QTest::newRow("invalid date") << QDate() << 3 << QDate();
}

void TestBusinessCalendar::addBusinessDays()
{
    QFETCH(QDate, from);
    QFETCH(int, n);
    QFETCH(QDate, expected);
    const QDate result = BusinessCalendar::addBusinessDays(from, n);
    QCOMPARE(result, expected);
    if (n != 0 && expected.isValid())
        QVERIFY(BusinessCalendar::isBusinessDay(result));
}

void TestBusinessCalendar::holidayName_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("name");

    QTest::newRow("1 Jan") << QDate(2026, 1, 1) << QStringLiteral("New Year holidays");
    QTest::newRow("3 Jan on a Saturday") << QDate(2026, 1, 3) << QStringLiteral("New Year holidays");
    QTest::newRow("6 Jan") << QDate(2026, 1, 6) << QStringLiteral("New Year holidays");
    QTest::newRow("7 Jan") << QDate(2026, 1, 7) << QStringLiteral("Christmas");
    QTest::newRow("8 Jan") << QDate(2026, 1, 8) << QStringLiteral("New Year holidays");
    QTest::newRow("9 Jan 2026 is a transferred day off, not a holiday") << QDate(2026, 1, 9) << QString();
    QTest::newRow("23 Feb") << QDate(2026, 2, 23) << QStringLiteral("Defender of the Fatherland Day");
    QTest::newRow("8 Mar") << QDate(2026, 3, 8) << QStringLiteral("International Women's Day");
    QTest::newRow("9 Mar 2026 is a transferred day off") << QDate(2026, 3, 9) << QString();
    QTest::newRow("1 May") << QDate(2026, 5, 1) << QStringLiteral("Spring and Labour Day");
    QTest::newRow("9 May") << QDate(2026, 5, 9) << QStringLiteral("Victory Day");
    QTest::newRow("12 Jun") << QDate(2026, 6, 12) << QStringLiteral("Russia Day");
    QTest::newRow("4 Nov 2026, a Wednesday") << QDate(2026, 11, 4) << QStringLiteral("National Unity Day");
    QTest::newRow("ordinary day") << QDate(2026, 10, 14) << QString();
    QTest::newRow("31 Dec 2025 is a day off but not a holiday") << QDate(2025, 12, 31) << QString();
    QTest::newRow("invalid date") << QDate() << QString();
}

void TestBusinessCalendar::holidayName()
{
    QFETCH(QDate, date);
    QFETCH(QString, name);
    QCOMPARE(BusinessCalendar::holidayName(date), name);
    // Every public holiday is a day off.
    if (!name.isEmpty())
        QVERIFY(!BusinessCalendar::isBusinessDay(date));
}

void TestBusinessCalendar::businessDaysPerYear_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("businessDays");

    QTest::newRow("2025 (published: 247)") << 2025 << 247;
    QTest::newRow("2026 (published: 247)") << 2026 << 247;
    QTest::newRow("2027 (from decree No. 1187)") << 2027 << 247;
}

void TestBusinessCalendar::businessDaysPerYear()
{
    QFETCH(int, year);
    QFETCH(int, businessDays);
    int count = 0;
    for (QDate d(year, 1, 1); d.year() == year; d = d.addDays(1))
        count += BusinessCalendar::isBusinessDay(d) ? 1 : 0;
    QCOMPARE(count, businessDays);
}

void TestBusinessCalendar::decreeYears()
{
    QVERIFY(!BusinessCalendar::hasDecreeFor(2024));
    QVERIFY(BusinessCalendar::hasDecreeFor(2025));
    QVERIFY(BusinessCalendar::hasDecreeFor(2026));
    QVERIFY(BusinessCalendar::hasDecreeFor(2027));
    QVERIFY(!BusinessCalendar::hasDecreeFor(2028));
}

void TestBusinessCalendar::addIsInverseOfSubtract()
{
    // From any business day, going n forward and n back returns to it.
    for (QDate d(2025, 1, 1); d.year() <= 2027; d = d.addDays(1)) {
        if (!BusinessCalendar::isBusinessDay(d))
            continue;
        for (int n : {1, 5, 20}) {
            const QDate forward = BusinessCalendar::addBusinessDays(d, n);
            QCOMPARE(BusinessCalendar::addBusinessDays(forward, -n), d);
        }
    }
}

QTEST_GUILESS_MAIN(TestBusinessCalendar)

#include "tst_businesscalendar.moc"
