//! The inputs of the cap, sensitivity and fiscal pages and of the pricing procedure, with the
//! values a first visit shows and the layout each is stored in (see [`StoredForm`]): stored
//! with the draft, so they outlive the page and a reload.

use fee_core::{Date, ProcedureRecord, ProcedureStep, SensitivityInput};
use rust_decimal::Decimal;

use crate::store::{StoredForm, Texts};

/// The cap page's inputs (上限测算).
#[derive(Debug, Clone, PartialEq)]
pub struct CapForm {
    /// Which income basis: `household_monthly`, `per_capita` or `district`.
    pub mode: String,
    pub amount: Decimal,
    pub per_capita: Decimal,
    pub household_size: Decimal,
    pub year: Decimal,
    pub fee: Decimal,
}

impl Default for CapForm {
    /// The page's first visit follows the active parameter set: its district income for 2022
    /// (the year before the plan's fees), and a fee of 3,000; the direct and per-capita bases
    /// start from Chaoyang's 2022 figures.
    fn default() -> Self {
        CapForm {
            mode: "district".into(),
            amount: Decimal::from(15655),
            per_capita: Decimal::from(77415),
            household_size: Decimal::new(231, 2),
            year: Decimal::from(2022),
            fee: Decimal::from(3000),
        }
    }
}

impl StoredForm for CapForm {
    const TAG: &'static str = "cap/1";

    /// Mode, household income, per-capita income, household size, year, fee.
    fn texts(&self) -> Vec<String> {
        let mut t = vec![self.mode.clone()];
        t.extend([self.amount, self.per_capita, self.household_size, self.year, self.fee].map(|v| v.to_string()));
        t
    }

    fn read(t: &mut Texts) -> Self {
        let d = CapForm::default();
        CapForm {
            mode: t.next().map_or(d.mode, str::to_string),
            amount: t.amount(d.amount),
            per_capita: t.amount(d.per_capita),
            household_size: t.amount(d.household_size),
            year: t.amount(d.year),
            fee: t.amount(d.fee),
        }
    }
}

/// The sensitivity page's inputs (敏感性).
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityForm {
    /// The share each input moves by in the tornado.
    pub tornado_change: Decimal,
    pub x_in: SensitivityInput,
    pub y_in: SensitivityInput,
    pub steps: u32,
    pub spread: Decimal,
}

impl Default for SensitivityForm {
    /// ±10% in the tornado; an 11 × 11 grid of occupancy against the carers' wage, ±30%.
    fn default() -> Self {
        SensitivityForm {
            tornado_change: Decimal::new(10, 2),
            x_in: SensitivityInput::Occupancy,
            y_in: SensitivityInput::CarerWage,
            steps: 11,
            spread: Decimal::new(30, 2),
        }
    }
}

/// An input's key in the page's select fields and the store: its place in
/// [`SensitivityInput::ALL`], which needs no serialisation code.
pub fn input_key(i: SensitivityInput) -> String {
    SensitivityInput::ALL.iter().position(|x| *x == i).unwrap_or(0).to_string()
}

/// The input of a key (see [`input_key`]).
pub fn input_of_key(k: &str) -> Option<SensitivityInput> {
    k.parse::<usize>().ok().and_then(|i| SensitivityInput::ALL.get(i).copied())
}

impl StoredForm for SensitivityForm {
    const TAG: &'static str = "sensitivity/1";

    /// Tornado change, row input's key, column input's key, points per axis, range.
    fn texts(&self) -> Vec<String> {
        vec![
            self.tornado_change.to_string(),
            input_key(self.x_in),
            input_key(self.y_in),
            self.steps.to_string(),
            self.spread.to_string(),
        ]
    }

    fn read(t: &mut Texts) -> Self {
        let d = SensitivityForm::default();
        SensitivityForm {
            tornado_change: t.amount(d.tornado_change),
            x_in: input_of_key(t.text()).unwrap_or(d.x_in),
            y_in: input_of_key(t.text()).unwrap_or(d.y_in),
            steps: t.parse(d.steps),
            spread: t.amount(d.spread),
        }
    }
}

/// The fiscal page's inputs (财政测算).
#[derive(Debug, Clone, PartialEq)]
pub struct FiscalForm {
    /// The subsidy per child-month; `None` until the user types one, the set's per-child quota
    /// subsidy for second- and third-level institutions on the date (see [`FiscalForm::subsidy_in`]).
    pub subsidy: Option<Decimal>,
    pub months: Decimal,
    pub occupancy: Decimal,
    /// The slots to split across 街乡; `None` until the user types one (the page then shows
    /// the plan's first target).
    pub target: Option<u32>,
    /// Which of the plan's targets the curve is drawn for (its place in the plan).
    pub curve_year: usize,
    /// The 街乡 and weights as pasted.
    pub weights: String,
    pub cost: Decimal,
}

impl Default for FiscalForm {
    /// The set's subsidy a child-month for 12 months at full occupancy; four 街乡 as an example;
    /// the curve for the plan's second target at a cost of 3,000.
    fn default() -> Self {
        FiscalForm {
            subsidy: None,
            months: Decimal::from(12),
            occupancy: Decimal::ONE,
            target: None,
            curve_year: 1,
            weights: "三里屯街道,120\n朝外街道,80\n望京街道,300\n酒仙桥街道,150\n".into(),
            cost: Decimal::from(3000),
        }
    }
}

impl FiscalForm {
    /// The subsidy a child-month: as typed, or the set's quota subsidy for second- and
    /// third-level institutions (`subsidy.quota.tier_2`) on `date`, zero when the set has none.
    pub fn subsidy_in(&self, params: &fee_core::ParameterSet, date: fee_core::Date) -> Decimal {
        self.subsidy
            .unwrap_or_else(|| params.decimal("subsidy.quota.tier_2", date).map(|p| p.value).unwrap_or_default())
    }
}

impl StoredForm for FiscalForm {
    const TAG: &'static str = "fiscal/1";

    /// Subsidy, months, occupancy, target (empty for none), curve's target, weights, cost.
    fn texts(&self) -> Vec<String> {
        vec![
            self.subsidy.map(|v| v.to_string()).unwrap_or_default(),
            self.months.to_string(),
            self.occupancy.to_string(),
            self.target.map(|t| t.to_string()).unwrap_or_default(),
            self.curve_year.to_string(),
            self.weights.clone(),
            self.cost.to_string(),
        ]
    }

    fn read(t: &mut Texts) -> Self {
        let d = FiscalForm::default();
        FiscalForm {
            subsidy: t.text().parse().ok(),
            months: t.amount(d.months),
            occupancy: t.amount(d.occupancy),
            target: t.text().parse().ok(),
            curve_year: t.parse(d.curve_year),
            // Weights come back as typed, an empty list too.
            weights: t.next().map_or(d.weights, str::to_string),
            cost: t.amount(d.cost),
        }
    }
}

/// One step of the pricing procedure as entered: its date (empty until it is done, as a date
/// field gives it: `2024-03-01`), the document that records it and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepEntry {
    pub date: String,
    pub document: String,
    pub outcome: String,
}

/// The pricing procedure of the draft (定价程序): a row for each of [`ProcedureStep::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProcedureForm {
    pub steps: [StepEntry; ProcedureStep::ALL.len()],
}

impl ProcedureForm {
    /// The form holding `records` (a dossier's, as imported), each in its step's row.
    pub fn from_records(records: &[ProcedureRecord]) -> Self {
        let mut form = ProcedureForm::default();
        for (step, e) in ProcedureStep::ALL.into_iter().zip(&mut form.steps) {
            if let Some(r) = records.iter().find(|r| r.step == step) {
                *e = StepEntry { date: r.date.to_string(), document: r.document.clone(), outcome: r.outcome.clone() };
            }
        }
        form
    }

    /// The records of the steps done (those with a date that reads), in the rule's order, for
    /// [`fee_core::check_dossier`].
    pub fn records(&self) -> Vec<ProcedureRecord> {
        ProcedureStep::ALL
            .into_iter()
            .zip(&self.steps)
            .filter_map(|(step, e)| {
                let date: Date = e.date.trim().parse().ok()?;
                Some(ProcedureRecord { step, date, document: e.document.clone(), outcome: e.outcome.clone() })
            })
            .collect()
    }
}

impl StoredForm for ProcedureForm {
    const TAG: &'static str = "procedure/1";

    /// Date, document and outcome of each step, in the rule's order.
    fn texts(&self) -> Vec<String> {
        self.steps.iter().flat_map(|e| [e.date.clone(), e.document.clone(), e.outcome.clone()]).collect()
    }

    fn read(t: &mut Texts) -> Self {
        let mut form = ProcedureForm::default();
        for e in &mut form.steps {
            e.date = t.text().to_string();
            e.document = t.text().to_string();
            e.outcome = t.text().to_string();
        }
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{form, put_form};

    fn stored<F: StoredForm>(f: &F) -> Vec<Vec<String>> {
        let mut forms = Vec::new();
        put_form(&mut forms, f);
        forms
    }

    /// Every input comes back as typed: amounts past two places and with trailing zeros, a
    /// mode, inputs other than the first, a typed target and weights with commas and lines.
    #[test]
    fn each_page_s_inputs_come_back_as_typed() {
        let cap = CapForm {
            mode: "per_capita".into(),
            amount: "12000.50".parse().unwrap(),
            per_capita: "80000.125".parse().unwrap(),
            household_size: "2.8".parse().unwrap(),
            year: Decimal::from(2023),
            fee: "2999.99".parse().unwrap(),
        };
        assert_eq!(form::<CapForm>(&stored(&cap)), cap);
        let last = SensitivityInput::ALL[SensitivityInput::ALL.len() - 1];
        let sensitivity = SensitivityForm {
            tornado_change: "0.25".parse().unwrap(),
            x_in: last,
            y_in: SensitivityInput::ALL[0],
            steps: 101,
            spread: "0.5".parse().unwrap(),
        };
        assert_eq!(form::<SensitivityForm>(&stored(&sensitivity)), sensitivity);
        let fiscal = FiscalForm {
            subsidy: Some("812.5".parse().unwrap()),
            months: Decimal::from(10),
            occupancy: "0.85".parse().unwrap(),
            target: Some(1234),
            curve_year: 0,
            weights: "甲街道,1.5\n乙乡, 2\n\n".into(),
            cost: Decimal::from(2800),
        };
        assert_eq!(form::<FiscalForm>(&stored(&fiscal)), fiscal);
        let cleared = FiscalForm { weights: String::new(), target: None, ..fiscal };
        assert_eq!(form::<FiscalForm>(&stored(&cleared)), cleared);
    }

    /// The procedure comes back as entered, and its records are the steps with a date, in
    /// the rule's order, whatever order they were entered in.
    #[test]
    fn the_procedure_comes_back_and_gives_the_records_of_steps_done() {
        let mut p = ProcedureForm::default();
        p.steps[1] =
            StepEntry {
                date: "2024-03-01".into(), document: "成本调查报告, 第1号".into(), outcome: "核定".into()
            };
        p.steps[0] = StepEntry { date: "2024-02-01".into(), document: "价格调查".into(), outcome: String::new() };
        p.steps[2] = StepEntry { date: "not a date".into(), document: "征求意见".into(), outcome: String::new() };
        assert_eq!(form::<ProcedureForm>(&stored(&p)), p);
        let records = p.records();
        let steps: Vec<ProcedureStep> = records.iter().map(|r| r.step).collect();
        assert_eq!(
            steps,
            [ProcedureStep::PriceSurvey, ProcedureStep::CostAuditOrSurvey],
            "a date that does not read is no record"
        );
        assert_eq!(records[1].date.to_string(), "2024-03-01");
        assert_eq!(records[1].document, "成本调查报告, 第1号");
    }

    /// Three pages' inputs live side by side; storing one again replaces only its own.
    #[test]
    fn storing_a_page_s_inputs_replaces_only_its_own() {
        let mut forms = Vec::new();
        put_form(&mut forms, &CapForm::default());
        put_form(&mut forms, &FiscalForm::default());
        let cap = CapForm { fee: Decimal::from(2500), ..CapForm::default() };
        put_form(&mut forms, &cap);
        assert_eq!(forms.len(), 2);
        assert_eq!(form::<CapForm>(&forms), cap);
        assert_eq!(form::<FiscalForm>(&forms), FiscalForm::default());
        assert_eq!(form::<SensitivityForm>(&forms), SensitivityForm::default());
    }

    /// Nothing stored gives the first visit's values; a list cut short keeps the default of
    /// each missing value (the example weights too, where typed empty weights stay empty); a value that does not read keeps its default; another layout's
    /// tag restores nothing from it.
    #[test]
    fn damaged_or_missing_inputs_fall_back_value_by_value() {
        assert_eq!(form::<CapForm>(&[]), CapForm::default());
        let short = vec![vec!["cap/1".to_string(), "district".into(), "x".into()]];
        let cap: CapForm = form(&short);
        assert_eq!(cap.mode, "district");
        assert_eq!(cap, CapForm { mode: "district".into(), ..CapForm::default() });
        let odd = vec![vec!["sensitivity/1".to_string(), "0.2".into(), "99".into(), "1".into(), "-3".into()]];
        let s: SensitivityForm = form(&odd);
        assert_eq!(s.tornado_change, Decimal::new(2, 1));
        assert_eq!(s.x_in, SensitivityForm::default().x_in, "an input key past the list keeps the default");
        assert_eq!(s.y_in, SensitivityInput::ALL[1]);
        assert_eq!(s.steps, 11, "a negative count does not read as a count");
        let fiscal: FiscalForm = form(&[vec!["fiscal/1".to_string(), "900".into()]]);
        assert_eq!(fiscal, FiscalForm { subsidy: Some(Decimal::from(900)), ..FiscalForm::default() });
        let later = vec![vec!["cap/2".to_string(), "per_capita".into()]];
        assert_eq!(form::<CapForm>(&later), CapForm::default());
    }
}
