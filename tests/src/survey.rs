//! Filling the cost-survey workbook as an operator would, through a real xlsx writer, at the
//! cells the template's layout gives (docs/district.md): each sheet's title in row 1, its single
//! fields from row 2 (label A, value B, unit C), its table's header one blank row below them
//! (row 2 where a sheet has no fields) and the table's rows after it.

use fee_core::{CostBasis, CostMethod, Enrolment, SampleInstitution, StaffRole, Tariff, UtilityKind};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// A cell as the operator types it: a number, or text.
pub enum Typed {
    /// A number, as Excel stores it.
    Number(Decimal),
    /// Text, such as a name or a dropdown's choice.
    Text(String),
}

/// One sheet as filled: its name, its single fields in order, its table's header row (0-based)
/// and the table's rows.
type SheetFill<'a> = (&'a str, Vec<Typed>, u32, Vec<Vec<Typed>>);

fn put(ws: &mut Worksheet, row: u32, col: u16, v: &Typed) -> Result<(), XlsxError> {
    match v {
        Typed::Number(d) => ws.write_number(row, col, d.to_f64().unwrap_or_default()).map(|_| ()),
        Typed::Text(t) => ws.write_string(row, col, t).map(|_| ()),
    }
}

fn n(d: Decimal) -> Typed {
    Typed::Number(d)
}

fn t(s: &str) -> Typed {
    Typed::Text(s.to_string())
}

/// The year `year` of `inst` as a filled survey workbook, with `overrides` (sheet, row, column,
/// all 0-based, and what is typed there) written last, as a careless operator would.
///
/// # Panics
///
/// When the workbook cannot be written (a test helper).
pub fn fill_survey(inst: &SampleInstitution, year: usize, overrides: &[(&str, u32, u16, Typed)]) -> Vec<u8> {
    fill(inst, year, overrides).unwrap()
}

/// The year `year` of `inst` as a filled survey in CSV, one `sheet,cell,value` row per filled
/// cell at the same places as the workbook, after a header row.
pub fn fill_survey_csv(inst: &SampleInstitution, year: usize) -> String {
    let mut out = String::from("工作表,单元格,值\n");
    let cell = |row: u32, col: u16| format!("{}{}", char::from(b'A' + u8::try_from(col).unwrap()), row + 1);
    let value = |v: &Typed| match v {
        Typed::Number(d) => d.normalize().to_string(),
        Typed::Text(t) => format!("\"{}\"", t.replace('"', "\"\"")),
    };
    for (name, singles, header, rows) in &fields(inst, year) {
        for (i, v) in singles.iter().enumerate() {
            out.push_str(&format!("{name},{},{}\n", cell(u32::try_from(i).unwrap() + 1, 1), value(v)));
        }
        for (i, row) in rows.iter().enumerate() {
            for (col, v) in row.iter().enumerate() {
                let r = header + 1 + u32::try_from(i).unwrap();
                out.push_str(&format!("{name},{},{}\n", cell(r, u16::try_from(col).unwrap()), value(v)));
            }
        }
    }
    out
}

fn fill(inst: &SampleInstitution, year: usize, overrides: &[(&str, u32, u16, Typed)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for (name, singles, header, rows) in &fields(inst, year) {
        let ws = book.add_worksheet().set_name(*name)?;
        ws.write_string(0, 0, *name)?;
        for (i, v) in singles.iter().enumerate() {
            put(ws, u32::try_from(i).unwrap() + 1, 1, v)?;
        }
        for (i, row) in rows.iter().enumerate() {
            for (col, v) in row.iter().enumerate() {
                put(ws, header + 1 + u32::try_from(i).unwrap(), u16::try_from(col).unwrap(), v)?;
            }
        }
        for (_, r, col, v) in overrides.iter().filter(|o| o.0 == *name) {
            put(ws, *r, *col, v)?;
        }
    }
    book.save_to_buffer()
}

/// What an operator types into each sheet for the year `year` of `inst`.
fn fields(inst: &SampleInstitution, year: usize) -> Vec<SheetFill<'static>> {
    let y = &inst.years[year];
    let c = &y.cost;
    let (start, end) = match c.enrolment {
        Enrolment::AuditAverage { start_of_year, end_of_year } => (start_of_year, end_of_year),
        Enrolment::Children { count } => (count, count),
        Enrolment::Occupancy { .. } => (Decimal::ZERO, Decimal::ZERO),
    };
    vec![
        (
            "基本情况",
            vec![
                t(fee_core::SURVEY_TEMPLATE_VERSION),
                t(&inst.id),
                t(&inst.name),
                n(Decimal::from(y.year)),
                t(if c.method == CostMethod::Survey { "成本调查" } else { "成本监审" }),
                n(c.months_charged),
                n(start),
                n(end),
            ],
            0,
            vec![],
        ),
        (
            "班级与人员",
            vec![],
            1,
            c.classes
                .iter()
                .map(|g| {
                    let mut row = vec![
                        t(g.class_type.name_zh()),
                        n(Decimal::from(g.classes)),
                        n(Decimal::from(g.children_per_class)),
                    ];
                    if let Some(k) = g.carers_per_class {
                        row.push(n(Decimal::from(k)));
                    }
                    row
                })
                .collect(),
        ),
        (
            "人员支出",
            vec![n(c.carer_monthly_wage), n(c.social_insurance_rate), n(c.housing_fund_rate)],
            5,
            c.staff
                .iter()
                .map(|s| {
                    let role = match s.role {
                        StaffRole::Teacher => "教师",
                        StaffRole::Health => "保健人员",
                        StaffRole::Cook => "炊事人员",
                        StaffRole::Admin => "管理人员",
                        StaffRole::Other => "其他",
                    };
                    vec![t(role), n(s.count), n(s.monthly_wage)]
                })
                .collect(),
        ),
        (
            "房屋与资产",
            vec![n(c.rent_monthly)],
            3,
            c.assets
                .iter()
                .map(|a| {
                    vec![
                        t(&a.name),
                        n(a.cost),
                        n(Decimal::from(a.years)),
                        t(if a.government_funded { "是" } else { "否" }),
                    ]
                })
                .collect(),
        ),
        (
            "水电气暖",
            vec![],
            1,
            c.utilities
                .iter()
                .map(|u| {
                    let kind = match u.kind {
                        UtilityKind::Water => "水",
                        UtilityKind::Electricity => "电",
                        UtilityKind::Gas => "燃气",
                        UtilityKind::Heating => "供暖",
                    };
                    let commercial = u.commercial_price.map_or(t(""), n);
                    let tariff = if u.tariff == Tariff::Commercial { "商业价" } else { "居民价" };
                    vec![t(kind), n(u.monthly_quantity), n(u.residential_price), commercial, t(tariff)]
                })
                .collect(),
        ),
        (
            "其他费用",
            vec![],
            1,
            c.other_costs
                .iter()
                .map(|o| {
                    let basis = match o.basis {
                        CostBasis::PerChild => "按幼儿",
                        CostBasis::PerClass => "按班级",
                        CostBasis::PerSite => "按园所",
                    };
                    vec![t(&o.name), t(basis), n(o.monthly_amount)]
                })
                .collect(),
        ),
        ("收入与补助", vec![n(c.food_per_child_month)], 0, vec![]),
        (
            "核定调整",
            vec![],
            1,
            c.adjustments.iter().map(|a| vec![t(&a.line), n(a.approved_annual), t(&a.reason)]).collect(),
        ),
    ]
}
