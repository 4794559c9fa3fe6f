namespace Entente.Modules.Ledger.Domain;

/// <summary>The general type of support, as the Kiel Ukraine Support Tracker classifies it.</summary>
public enum AidCategory
{
    Military,
    Financial,
    Humanitarian,
}

/// <summary>The specific type of support; each belongs to one <see cref="AidCategory"/> (<see cref="AidTypes.CategoryOf"/>).</summary>
public enum AidType
{
    AirDefence,
    Drones,
    ArtilleryAmmunition,
    ArmouredVehicles,
    Aircraft,
    NavalSystems,
    SmallArmsAndEquipment,
    Training,
    Intelligence,
    Cyber,
    Demining,
    MilitaryFunding,
    Loan,
    Grant,
    BudgetSupport,
    Guarantee,
    HumanitarianRelief,
    Reconstruction,
    Energy,
    Medical,
}

/// <summary>What kind of measure a pledge records.</summary>
public enum MeasureKind
{
    /// <summary>Support to the country the coalition backs; counted in the ledger's totals.</summary>
    Aid,

    /// <summary>
    /// A defence-industrial or budgetary measure of a donor (for example the EU's plan to mobilise up to €800 billion
    /// for European defence): recorded for completeness, never counted as aid to one country.
    /// </summary>
    DefenceIndustrial,
}

/// <summary>How support reaches the recipient.</summary>
public enum FundingChannel
{
    Bilateral,
    JointFund,
    EuInstrument,
    ImmobilisedAssetsLoan,
    Multilateral,
    Procurement,
}

/// <summary>Where the reported value comes from.</summary>
public enum ValuationBasis
{
    DonorStated,
    EstimatedFromUnitPrice,

    /// <summary>The donor has not disclosed a value: the pledge carries no amount and counts in quantities only.</summary>
    Undisclosed,
}

/// <summary>A step of a pledge's life. Committed, allocated and delivered may each happen in several dated tranches.</summary>
public enum PledgeStage
{
    Announced,
    Committed,
    Allocated,
    Delivered,
    Cancelled,
}

/// <summary>Where a pledge stands, derived from its transitions.</summary>
public enum PledgeStatus
{
    Announced,
    Committed,
    Allocated,
    PartlyDelivered,
    Delivered,
    Cancelled,
}

public static class AidTypes
{
    public static AidCategory CategoryOf(AidType type) => type switch
    {
        AidType.AirDefence or AidType.Drones or AidType.ArtilleryAmmunition or AidType.ArmouredVehicles or AidType.Aircraft
            or AidType.NavalSystems or AidType.SmallArmsAndEquipment or AidType.Training or AidType.Intelligence
            or AidType.Cyber or AidType.Demining or AidType.MilitaryFunding => AidCategory.Military,
        AidType.Loan or AidType.Grant or AidType.BudgetSupport or AidType.Guarantee or AidType.Reconstruction
            or AidType.Energy => AidCategory.Financial,
        AidType.HumanitarianRelief or AidType.Medical => AidCategory.Humanitarian,
    };

    /// <summary>Readable English names, for pages and exports.</summary>
    public static string Display(AidType type) => type switch
    {
        AidType.AirDefence => "Air defence",
        AidType.Drones => "Drones",
        AidType.ArtilleryAmmunition => "Artillery and ammunition",
        AidType.ArmouredVehicles => "Armoured vehicles",
        AidType.Aircraft => "Aircraft",
        AidType.NavalSystems => "Naval systems",
        AidType.SmallArmsAndEquipment => "Small arms and equipment",
        AidType.Training => "Training",
        AidType.Intelligence => "Intelligence",
        AidType.Cyber => "Cyber",
        AidType.Demining => "Demining",
        AidType.MilitaryFunding => "Military funding",
        AidType.Loan => "Loan",
        AidType.Grant => "Grant",
        AidType.BudgetSupport => "Budget support",
        AidType.Guarantee => "Guarantee",
        AidType.HumanitarianRelief => "Humanitarian relief",
        AidType.Reconstruction => "Reconstruction",
        AidType.Energy => "Energy",
        AidType.Medical => "Medical",
    };

    public static string Display(FundingChannel channel) => channel switch
    {
        FundingChannel.Bilateral => "Bilateral",
        FundingChannel.JointFund => "Joint fund",
        FundingChannel.EuInstrument => "EU instrument",
        FundingChannel.ImmobilisedAssetsLoan => "Loan backed by immobilised sovereign assets",
        FundingChannel.Multilateral => "Multilateral",
        FundingChannel.Procurement => "Joint procurement",
    };

    public static string Display(PledgeStatus status) => status switch
    {
        PledgeStatus.Announced => "Announced",
        PledgeStatus.Committed => "Committed",
        PledgeStatus.Allocated => "Allocated",
        PledgeStatus.PartlyDelivered => "Partly delivered",
        PledgeStatus.Delivered => "Delivered",
        PledgeStatus.Cancelled => "Cancelled",
    };

    public static string Display(ValuationBasis basis) => basis switch
    {
        ValuationBasis.DonorStated => "Stated by the donor",
        ValuationBasis.EstimatedFromUnitPrice => "Estimated from unit price",
        ValuationBasis.Undisclosed => "Undisclosed",
    };
}
