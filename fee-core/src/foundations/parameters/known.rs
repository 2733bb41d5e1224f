//! The parameters the engine itself reads, found in a set once, when the set is made.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::foundations::trace::Source;

use super::{citation, DatedValue, Parameter};

/// The parameters the engine itself reads. Each is found in a set once, when the set is
/// made, so evaluating a scenario looks none of them up by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Known {
    CapRatio,
    CapPublishedAmount,
    IncomeHouseholdMonthly,
    RoundingMoneyPlaces,
    RoundingMoneyMode,
    RoundingFeePlaces,
    RoundingFeeMode,
    InfantMaxSize,
    InfantChildrenPerCarer,
    ToddlerMaxSize,
    ToddlerChildrenPerCarer,
    OlderToddlerMaxSize,
    OlderToddlerChildrenPerCarer,
    MixedMaxSize,
    MixedChildrenPerCarer,
    QuotaTier1,
    QuotaTier2,
    AuditStartWeight,
    AuditEndWeight,
    ResidentialTariff,
    HalfDayShare,
    HourlyShare,
    WorkingDaysPerMonth,
    BoundClassesPerGroup,
    BoundMonthlyWage,
    BoundHouseholdIncome,
}

impl Known {
    pub(super) const ALL: [Known; 26] = [
        Known::CapRatio,
        Known::CapPublishedAmount,
        Known::IncomeHouseholdMonthly,
        Known::RoundingMoneyPlaces,
        Known::RoundingMoneyMode,
        Known::RoundingFeePlaces,
        Known::RoundingFeeMode,
        Known::InfantMaxSize,
        Known::InfantChildrenPerCarer,
        Known::ToddlerMaxSize,
        Known::ToddlerChildrenPerCarer,
        Known::OlderToddlerMaxSize,
        Known::OlderToddlerChildrenPerCarer,
        Known::MixedMaxSize,
        Known::MixedChildrenPerCarer,
        Known::QuotaTier1,
        Known::QuotaTier2,
        Known::AuditStartWeight,
        Known::AuditEndWeight,
        Known::ResidentialTariff,
        Known::HalfDayShare,
        Known::HourlyShare,
        Known::WorkingDaysPerMonth,
        Known::BoundClassesPerGroup,
        Known::BoundMonthlyWage,
        Known::BoundHouseholdIncome,
    ];

    /// The parameter's name in a set.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Known::CapRatio => "cap.ratio",
            Known::CapPublishedAmount => "cap.published_amount",
            Known::IncomeHouseholdMonthly => "income.household_monthly",
            Known::RoundingMoneyPlaces => "rounding.money.decimal_places",
            Known::RoundingMoneyMode => "rounding.money.mode",
            Known::RoundingFeePlaces => "rounding.fee.decimal_places",
            Known::RoundingFeeMode => "rounding.fee.mode",
            Known::InfantMaxSize => "class.infant.max_size",
            Known::InfantChildrenPerCarer => "class.infant.children_per_carer",
            Known::ToddlerMaxSize => "class.toddler.max_size",
            Known::ToddlerChildrenPerCarer => "class.toddler.children_per_carer",
            Known::OlderToddlerMaxSize => "class.older_toddler.max_size",
            Known::OlderToddlerChildrenPerCarer => "class.older_toddler.children_per_carer",
            Known::MixedMaxSize => "class.mixed.max_size",
            Known::MixedChildrenPerCarer => "class.mixed.children_per_carer",
            Known::QuotaTier1 => "subsidy.quota.tier_1",
            Known::QuotaTier2 => "subsidy.quota.tier_2",
            Known::AuditStartWeight => "audit.enrolment.start_weight",
            Known::AuditEndWeight => "audit.enrolment.end_weight",
            Known::ResidentialTariff => "utilities.residential_tariff",
            Known::HalfDayShare => "limits.half_day_share",
            Known::HourlyShare => "limits.hourly_share",
            Known::WorkingDaysPerMonth => "limits.working_days_per_month",
            Known::BoundClassesPerGroup => "bounds.classes_per_group",
            Known::BoundMonthlyWage => "bounds.monthly_wage",
            Known::BoundHouseholdIncome => "bounds.household_monthly_income",
        }
    }
}

/// Each [`Known`] parameter's stored name and dated values, in the order of `Known::ALL`
/// (`None`, or no entry at all in the empty default, where the set lacks it). Made from the
/// set's own parameters, never changed apart.
#[derive(Debug, Clone, Default)]
pub(crate) struct KnownIndex(Vec<Option<(Arc<str>, Vec<DatedValue>)>>);

/// Derived from the parameters, which sets compare: two sets with the same parameters are
/// equal however their index was made.
impl PartialEq for KnownIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for KnownIndex {}

impl KnownIndex {
    pub(super) fn of(parameters: &BTreeMap<Arc<str>, Parameter>) -> Self {
        KnownIndex(
            Known::ALL
                .iter()
                .map(|k| parameters.get_key_value(k.name()).map(|(name, p)| (name.clone(), p.values.clone())))
                .collect(),
        )
    }

    #[inline]
    pub(super) fn get(&self, k: Known) -> Option<(&Arc<str>, &[DatedValue])> {
        self.0.get(k as usize).and_then(Option::as_ref).map(|(name, values)| (name, values.as_slice()))
    }

    /// The source citing value `at` of `k`, if the index has it.
    pub(crate) fn citation(&self, k: Known, at: usize) -> Option<Source> {
        let (name, values) = self.get(k)?;
        values.get(at).map(|dated| citation(name, dated))
    }
}
