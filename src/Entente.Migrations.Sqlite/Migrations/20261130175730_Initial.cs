using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Entente.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_checkpoints", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    actor_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    details = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    origin = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trace_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "forces_conferences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    held_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    venue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    online = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_conferences", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forces_requirement_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    capability = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    component = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    unit_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    minimum_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    desired_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    notice_to_move_days = table.Column<int>(type: "INTEGER", nullable: false),
                    minimum_readiness = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    sector_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    task_codes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    required_roe = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    required_command = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    withdrawal_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_requirement_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forces_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scenario_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scenario_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    scenario_version = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    time_limit_reached = table.Column<bool>(type: "INTEGER", nullable: false),
                    time_limit_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    objective = table.Column<long>(type: "INTEGER", nullable: false),
                    best_bound = table.Column<long>(type: "INTEGER", nullable: true),
                    relative_gap = table.Column<double>(type: "REAL", nullable: true),
                    greedy_objective = table.Column<long>(type: "INTEGER", nullable: false),
                    greedy_ratio = table.Column<double>(type: "REAL", nullable: false),
                    solve_milliseconds = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    line_count = table.Column<int>(type: "INTEGER", nullable: false),
                    offer_count = table.Column<int>(type: "INTEGER", nullable: false),
                    participating_members = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    conditions_json = table.Column<string>(type: "TEXT", nullable: false),
                    inputs_json = table.Column<string>(type: "TEXT", nullable: false),
                    coverage_json = table.Column<string>(type: "TEXT", nullable: false),
                    gaps_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forces_scenarios",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ceasefire_in_force = table.Column<bool>(type: "INTEGER", nullable: false),
                    us_backstop = table.Column<bool>(type: "INTEGER", nullable: false),
                    un_mandate = table.Column<bool>(type: "INTEGER", nullable: false),
                    other_mandates_scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    other_mandates = table.Column<string>(type: "TEXT", maxLength: 4040, nullable: false),
                    parliaments_scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    parliaments = table.Column<string>(type: "TEXT", maxLength: 360, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_scenarios", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    clearance = table.Column<int>(type: "INTEGER", nullable: false),
                    is_disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    password_change_required = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_fx_rates",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    units_per_eur = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_fx_rates", x => new { x.date, x.currency });
                });

            migrationBuilder.CreateTable(
                name: "monitoring_agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    parties = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    terms = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    geometry_version = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_agreements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_alert_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    area_geo_json = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true),
                    window_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    spike_factor = table.Column<double>(type: "REAL", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_alert_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rule_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rule_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    window_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    window_to = table.Column<DateTime>(type: "TEXT", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    headline = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: false),
                    longitude = table.Column<double>(type: "REAL", nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    raised_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_daily_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    period_to = table.Column<DateTime>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    generated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    edited_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    edited_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    released_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    released_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_daily_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: false),
                    longitude = table.Column<double>(type: "REAL", nullable: false),
                    observation_count = table.Column<int>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    weapon = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_violation = table.Column<bool>(type: "INTEGER", nullable: false),
                    agreement_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    zones = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    oblast = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    merged_into = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    first_confirmed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    first_confirmed_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decision_count = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_observations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    source_ref = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    observed_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    observed_to = table.Column<DateTime>(type: "TEXT", nullable: false),
                    time_precision = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: false),
                    longitude = table.Column<double>(type: "REAL", nullable: false),
                    geo_precision = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    uncertainty_metres = table.Column<double>(type: "REAL", nullable: false),
                    observer_latitude = table.Column<double>(type: "REAL", nullable: true),
                    observer_longitude = table.Column<double>(type: "REAL", nullable: true),
                    bearing_degrees = table.Column<double>(type: "REAL", nullable: true),
                    distance_band = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    means = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    family = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    weapon = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    calibre_mm = table.Column<int>(type: "INTEGER", nullable: true),
                    attributed_party = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    confidence = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    citation_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    agreement_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    zones = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    oblast = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    distance_to_line_metres = table.Column<double>(type: "REAL", nullable: true),
                    side_of_line = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    is_violation = table.Column<bool>(type: "INTEGER", nullable: false),
                    violations = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    correlation_locked = table.Column<bool>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_observations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subscription_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    alert_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_webhook_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    clearance = table.Column<int>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_webhook_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_idempotency_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    committed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    body = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_idempotency_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_job_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    leased_until = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_job_leases", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "platform_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "registry_members",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_members", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "registry_security_policies",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    read_audit_threshold = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_security_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sharing_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    parent_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    originator_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sharing_export_receipts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    exported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    route = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    signature = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    sidecar = table.Column<string>(type: "TEXT", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_export_receipts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sharing_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    owner_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    hide_members = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sharing_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    parent_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reply_to_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    author_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    author_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    edited_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_sharing_messages_sharing_messages_reply_to_id",
                        column: x => x.reply_to_id,
                        principalTable: "sharing_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sharing_release_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    record_path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    justification = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    required_approvals = table.Column<int>(type: "INTEGER", nullable: false),
                    requested_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_by_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    requested_by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_by_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    proposed_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    proposed_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    proposed_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    proposed_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    proposed_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    proposed_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    proposed_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_release_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "summits_proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    current_version = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    procedure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    quorum_count = table.Column<int>(type: "INTEGER", nullable: false),
                    quorum_percent = table.Column<int>(type: "INTEGER", nullable: true),
                    silence_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    procedure_opened_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    concluded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome_note = table.Column<string>(type: "TEXT", maxLength: 2064, nullable: true),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_proposals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forces_conference_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conference_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    opened_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    opened_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_conference_rounds", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_conference_rounds_forces_conferences_conference_id",
                        column: x => x.conference_id,
                        principalTable: "forces_conferences",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forces_requirement_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requirement_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    changes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_requirement_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_requirement_versions_forces_requirement_lines_requirement_line_id",
                        column: x => x.requirement_line_id,
                        principalTable: "forces_requirement_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forces_run_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    offer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    national_approval_per_use = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_run_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_run_assignments_forces_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "forces_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_from = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_api_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_identity_user_logins_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_identity_user_tokens_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_calendar_feed_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_calendar_feed_tokens", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_summits_calendar_feed_tokens_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_agreement_geometries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agreement_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    weapon_classes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    geo_json = table.Column<string>(type: "TEXT", nullable: false),
                    left_side = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    right_side = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_agreement_geometries", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_agreement_geometries_monitoring_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "monitoring_agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_daily_report_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    report_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    section = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    observations = table.Column<int>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_daily_report_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_daily_report_entries_monitoring_daily_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "monitoring_daily_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_event_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    from_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    related_event_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    decided_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_event_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_event_decisions_events_event_id",
                        column: x => x.event_id,
                        principalTable: "monitoring_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "forces_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    capability = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    component = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    unit_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    indivisible = table.Column<bool>(type: "INTEGER", nullable: false),
                    notice_to_move_days = table.Column<int>(type: "INTEGER", nullable: false),
                    readiness = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    available_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    available_until = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    withdrawal_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    caveats_allowed_sectors = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    caveats_command_arrangement = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    caveats_max_duration_days = table.Column<int>(type: "INTEGER", nullable: true),
                    caveats_max_rules_of_engagement = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    caveats_national_approval_required = table.Column<bool>(type: "INTEGER", nullable: false),
                    caveats_refused_sectors = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    caveats_refused_tasks = table.Column<string>(type: "TEXT", maxLength: 312, nullable: false),
                    caveats_remarks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_offers_registry_members_member_code",
                        column: x => x.member_code,
                        principalTable: "registry_members",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_pledges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    donor_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    announced_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    measure = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    valuation = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    value_eur = table.Column<long>(type: "INTEGER", nullable: true),
                    rate_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    rate_is_provisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    is_package = table.Column<bool>(type: "INTEGER", nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    committed_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    allocated_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    committed_eur = table.Column<long>(type: "INTEGER", nullable: false),
                    allocated_eur = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_eur = table.Column<long>(type: "INTEGER", nullable: false),
                    committed_quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    allocated_quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    committed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    first_delivery_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    last_delivery_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    cancelled_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    delivery_delay_days = table.Column<int>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_pledges", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_pledges_ledger_pledges_parent_id",
                        column: x => x.parent_id,
                        principalTable: "ledger_pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_pledges_registry_members_donor_code",
                        column: x => x.donor_code,
                        principalTable: "registry_members",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_delegates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    is_head_of_delegation = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_delegates", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_delegates_registry_members_member_code",
                        column: x => x.member_code,
                        principalTable: "registry_members",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_member_statuses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_member_statuses", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_member_statuses_registry_members_member_code",
                        column: x => x.member_code,
                        principalTable: "registry_members",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_action_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    origin_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    origin_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    origin_title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    owner_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    owner_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_action_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_action_items_registry_members_owner_member",
                        column: x => x.owner_member,
                        principalTable: "registry_members",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "summits_meetings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    venue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    host_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    co_chairs = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    invited = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    cancellation_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    reminder_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_meetings_registry_members_host_member",
                        column: x => x.host_member,
                        principalTable: "registry_members",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_categories",
                columns: table => new
                {
                    policy_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_categories", x => new { x.policy_id, x.code });
                    table.ForeignKey(
                        name: "fk_registry_categories_registry_security_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "registry_security_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_classifications",
                columns: table => new
                {
                    policy_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rank = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    colour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_classifications", x => new { x.policy_id, x.rank });
                    table.ForeignKey(
                        name: "fk_registry_classifications_registry_security_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "registry_security_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sharing_document_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    document_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    uploaded_by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_document_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sharing_document_versions_sharing_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "sharing_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sharing_group_members",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    can_extend = table.Column<bool>(type: "INTEGER", nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_group_members", x => new { x.group_id, x.member_code });
                    table.ForeignKey(
                        name: "fk_sharing_group_members_sharing_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "sharing_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sharing_message_revisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    replaced_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_message_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sharing_message_revisions_sharing_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "sharing_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sharing_release_approvals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    approved_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_release_approvals", x => x.id);
                    table.ForeignKey(
                        name: "fk_sharing_release_approvals_sharing_release_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "sharing_release_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    version_number = table.Column<int>(type: "INTEGER", nullable: false),
                    procedure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    adopted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_decisions_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "summits_proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "summits_proposal_positions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    stance = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    statement = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    version_number = table.Column<int>(type: "INTEGER", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_proposal_positions", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_proposal_positions_summits_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "summits_proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_proposal_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_proposal_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_proposal_versions_summits_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "summits_proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_silence_breaks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    version_number = table.Column<int>(type: "INTEGER", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_silence_breaks", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_silence_breaks_summits_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "summits_proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forces_conference_bids",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conference_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_number = table.Column<int>(type: "INTEGER", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    offer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    offer_sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    requirement_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    bid_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    bid_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    bid_by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    confirmed_in_round = table.Column<int>(type: "INTEGER", nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    confirmed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    withdrawn_in_round = table.Column<int>(type: "INTEGER", nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    withdrawn_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    withdrawal_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_conference_bids", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_conference_bids_forces_conferences_conference_id",
                        column: x => x.conference_id,
                        principalTable: "forces_conferences",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_forces_conference_bids_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "forces_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_forces_conference_bids_requirement_lines_requirement_line_id",
                        column: x => x.requirement_line_id,
                        principalTable: "forces_requirement_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forces_offer_conditions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    offer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_offer_conditions", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_offer_conditions_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "forces_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forces_offer_readiness",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    offer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    reached_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_offer_readiness", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_offer_readiness_forces_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "forces_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forces_offer_readiness_plan",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    offer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    expected_on = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_offer_readiness_plan", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_offer_readiness_plan_forces_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "forces_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forces_offer_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    offer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forces_offer_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_forces_offer_versions_forces_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "forces_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_pledge_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pledge_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    citation_published_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    citation_publisher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    citation_quote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    citation_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_pledge_sources", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_pledge_sources_ledger_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "ledger_pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_pledge_transitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pledge_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    amount_eur = table.Column<long>(type: "INTEGER", nullable: true),
                    rate_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    source_published_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source_publisher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_quote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    source_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_pledge_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_pledge_transitions_ledger_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "ledger_pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_pledge_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pledge_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_pledge_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_pledge_versions_ledger_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "ledger_pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_action_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_action_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_action_notes_summits_action_items_action_item_id",
                        column: x => x.action_item_id,
                        principalTable: "summits_action_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_action_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    overdue_week = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    days_overdue = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_action_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_action_notices_summits_action_items_action_item_id",
                        column: x => x.action_item_id,
                        principalTable: "summits_action_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_action_status_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    by_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_action_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_action_status_changes_summits_action_items_action_item_id",
                        column: x => x.action_item_id,
                        principalTable: "summits_action_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_agenda_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    rapporteur_member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    rapporteur_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decides_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    decides_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_agenda_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "summits_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_consultations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    origin_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    origin_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    origin_title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    proposal_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    opened_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    opened_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_consultations", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_consultations_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "summits_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_summits_consultations_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "summits_proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "summits_meeting_attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    lead_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    registered_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_meeting_attendance", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_meeting_attendance_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "summits_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_summits_meeting_attendance_registry_members_member_code",
                        column: x => x.member_code,
                        principalTable: "registry_members",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "summits_meeting_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_meeting_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_meeting_documents_summits_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "summits_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_meeting_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_meeting_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_meeting_notifications_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_summits_meeting_notifications_summits_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "summits_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_minutes_revisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_minutes_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_minutes_revisions_summits_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "summits_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sharing_document_contents",
                columns: table => new
                {
                    version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sharing_document_contents", x => x.version_id);
                    table.ForeignKey(
                        name: "fk_sharing_document_contents_sharing_document_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "sharing_document_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "summits_communiques",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    decision_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    released_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    released_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    label_categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    label_classification = table.Column<int>(type: "INTEGER", nullable: false),
                    label_originator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    label_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label_releasable_to = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    label_sharing_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label_tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_communiques", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_communiques_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "summits_decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "summits_decision_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    decision_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    stance = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    statement = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summits_decision_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_summits_decision_statements_summits_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "summits_decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "registry_security_policies",
                columns: new[] { "id", "description", "name", "read_audit_threshold" },
                values: new object[] { "ENTENTE", "Classifications and categories of the coalition's shared information.", "Entente default policy", 2 });

            migrationBuilder.InsertData(
                table: "registry_categories",
                columns: new[] { "code", "policy_id", "description", "is_retired", "name" },
                values: new object[,]
                {
                    { "FIN", "ENTENTE", "Financial support and budgets.", false, "Financial" },
                    { "INTEL", "ENTENTE", "Assessments and sources.", false, "Intelligence" },
                    { "OPS", "ENTENTE", "Reassurance force operations and planning.", false, "Operations" },
                    { "PERS", "ENTENTE", "Data about identifiable people.", false, "Personal data" }
                });

            migrationBuilder.InsertData(
                table: "registry_classifications",
                columns: new[] { "policy_id", "rank", "code", "colour", "description", "name" },
                values: new object[,]
                {
                    { "ENTENTE", 0, "PUBLIC", "#2e7d32", "May be published. The only level anonymous visitors see.", "Public" },
                    { "ENTENTE", 1, "RESTRICTED", "#8a5a00", "For the coalition's members and staff; disclosure would be against their interests.", "Restricted" },
                    { "ENTENTE", 2, "CONFIDENTIAL", "#1d4ed8", "Disclosure would damage the coalition's interests. Every read is audited.", "Confidential" },
                    { "ENTENTE", 3, "SECRET", "#b91c1c", "Disclosure would seriously damage the coalition's interests. Every read is audited.", "Secret" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_actor_name",
                table: "audit_entries",
                column: "actor_name");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_type_entity_id",
                table: "audit_entries",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_occurred_at",
                table: "audit_entries",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_forces_conference_bids_conference_id_requirement_line_id",
                table: "forces_conference_bids",
                columns: new[] { "conference_id", "requirement_line_id" });

            migrationBuilder.CreateIndex(
                name: "ix_forces_conference_bids_offer_id_offer_sequence",
                table: "forces_conference_bids",
                columns: new[] { "offer_id", "offer_sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_conference_bids_offer_id_status",
                table: "forces_conference_bids",
                columns: new[] { "offer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_forces_conference_bids_requirement_line_id",
                table: "forces_conference_bids",
                column: "requirement_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_forces_conference_rounds_conference_id_number",
                table: "forces_conference_rounds",
                columns: new[] { "conference_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_conferences_held_on",
                table: "forces_conferences",
                column: "held_on");

            migrationBuilder.CreateIndex(
                name: "ix_forces_offer_conditions_kind_member",
                table: "forces_offer_conditions",
                columns: new[] { "kind", "member" });

            migrationBuilder.CreateIndex(
                name: "ix_forces_offer_conditions_offer_id_sequence",
                table: "forces_offer_conditions",
                columns: new[] { "offer_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_offer_readiness_offer_id_sequence",
                table: "forces_offer_readiness",
                columns: new[] { "offer_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_offer_readiness_plan_offer_id_sequence",
                table: "forces_offer_readiness_plan",
                columns: new[] { "offer_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_offer_versions_offer_id_number",
                table: "forces_offer_versions",
                columns: new[] { "offer_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_offers_capability_status",
                table: "forces_offers",
                columns: new[] { "capability", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_forces_offers_component_readiness",
                table: "forces_offers",
                columns: new[] { "component", "readiness" });

            migrationBuilder.CreateIndex(
                name: "ix_forces_offers_member_code_status",
                table: "forces_offers",
                columns: new[] { "member_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_forces_requirement_lines_capability",
                table: "forces_requirement_lines",
                column: "capability");

            migrationBuilder.CreateIndex(
                name: "ix_forces_requirement_lines_code",
                table: "forces_requirement_lines",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_requirement_lines_number",
                table: "forces_requirement_lines",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_requirement_lines_status_component_priority",
                table: "forces_requirement_lines",
                columns: new[] { "status", "component", "priority" });

            migrationBuilder.CreateIndex(
                name: "ix_forces_requirement_versions_requirement_line_id_number",
                table: "forces_requirement_versions",
                columns: new[] { "requirement_line_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_run_assignments_run_id_sequence",
                table: "forces_run_assignments",
                columns: new[] { "run_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forces_runs_batch_id",
                table: "forces_runs",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_forces_runs_created_at",
                table: "forces_runs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_forces_scenarios_name",
                table: "forces_scenarios",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_identity_api_tokens_user_id",
                table: "identity_api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_role_claims_role_id",
                table: "identity_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "identity_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_claims_user_id",
                table: "identity_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_logins_user_id",
                table: "identity_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_roles_role_id",
                table: "identity_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "identity_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_member_code",
                table: "identity_users",
                column: "member_code");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "identity_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_pledge_sources_pledge_id_position",
                table: "ledger_pledge_sources",
                columns: new[] { "pledge_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_pledge_transitions_pledge_id_sequence",
                table: "ledger_pledge_transitions",
                columns: new[] { "pledge_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_pledge_versions_pledge_id_number",
                table: "ledger_pledge_versions",
                columns: new[] { "pledge_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_pledges_announced_on",
                table: "ledger_pledges",
                column: "announced_on");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_pledges_donor_code_announced_on",
                table: "ledger_pledges",
                columns: new[] { "donor_code", "announced_on" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_pledges_parent_id",
                table: "ledger_pledges",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_pledges_type_announced_on",
                table: "ledger_pledges",
                columns: new[] { "type", "announced_on" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_agreement_geometries_agreement_id_version",
                table: "monitoring_agreement_geometries",
                columns: new[] { "agreement_id", "version" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_agreements_code",
                table: "monitoring_agreements",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_alerts_dedupe_key",
                table: "monitoring_alerts",
                column: "dedupe_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_alerts_raised_at",
                table: "monitoring_alerts",
                column: "raised_at");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_alerts_rule_id_window_to",
                table: "monitoring_alerts",
                columns: new[] { "rule_id", "window_to" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_daily_report_entries_report_id_section",
                table: "monitoring_daily_report_entries",
                columns: new[] { "report_id", "section" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_daily_reports_day",
                table: "monitoring_daily_reports",
                column: "day",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_event_decisions_event_id_sequence",
                table: "monitoring_event_decisions",
                columns: new[] { "event_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_events_starts_at_id",
                table: "monitoring_events",
                columns: new[] { "starts_at", "id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_events_status_starts_at",
                table: "monitoring_events",
                columns: new[] { "status", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_observations_event_id",
                table: "monitoring_observations",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_observations_family_observed_from",
                table: "monitoring_observations",
                columns: new[] { "family", "observed_from" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_observations_observed_from_id",
                table: "monitoring_observations",
                columns: new[] { "observed_from", "id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_observations_source_source_ref",
                table: "monitoring_observations",
                columns: new[] { "source", "source_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_webhook_deliveries_status_next_attempt_at",
                table: "monitoring_webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_webhook_deliveries_subscription_id_alert_id",
                table: "monitoring_webhook_deliveries",
                columns: new[] { "subscription_id", "alert_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_idempotency_keys_created_at",
                table: "platform_idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_idempotency_keys_user_id_key",
                table: "platform_idempotency_keys",
                columns: new[] { "user_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_classifications_policy_id_code",
                table: "registry_classifications",
                columns: new[] { "policy_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_delegates_member_code",
                table: "registry_delegates",
                column: "member_code");

            migrationBuilder.CreateIndex(
                name: "ix_registry_member_statuses_member_code_from",
                table: "registry_member_statuses",
                columns: new[] { "member_code", "from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_members_name",
                table: "registry_members",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_sharing_document_versions_document_id_number",
                table: "sharing_document_versions",
                columns: new[] { "document_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sharing_documents_parent_kind_parent_id",
                table: "sharing_documents",
                columns: new[] { "parent_kind", "parent_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sharing_documents_updated_at",
                table: "sharing_documents",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_sharing_export_receipts_exported_at",
                table: "sharing_export_receipts",
                column: "exported_at");

            migrationBuilder.CreateIndex(
                name: "ix_sharing_export_receipts_user_id_exported_at",
                table: "sharing_export_receipts",
                columns: new[] { "user_id", "exported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sharing_group_members_member_code",
                table: "sharing_group_members",
                column: "member_code");

            migrationBuilder.CreateIndex(
                name: "ix_sharing_groups_name",
                table: "sharing_groups",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sharing_message_revisions_message_id_sequence",
                table: "sharing_message_revisions",
                columns: new[] { "message_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sharing_messages_created_at",
                table: "sharing_messages",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_sharing_messages_parent_kind_parent_id_created_at",
                table: "sharing_messages",
                columns: new[] { "parent_kind", "parent_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sharing_messages_reply_to_id",
                table: "sharing_messages",
                column: "reply_to_id");

            migrationBuilder.CreateIndex(
                name: "ix_sharing_release_approvals_request_id_user_id",
                table: "sharing_release_approvals",
                columns: new[] { "request_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sharing_release_requests_record_kind_record_id",
                table: "sharing_release_requests",
                columns: new[] { "record_kind", "record_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sharing_release_requests_status",
                table: "sharing_release_requests",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_summits_action_items_origin_kind_origin_id",
                table: "summits_action_items",
                columns: new[] { "origin_kind", "origin_id" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_action_items_owner_member_status_due_on",
                table: "summits_action_items",
                columns: new[] { "owner_member", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_action_items_status_due_on",
                table: "summits_action_items",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_action_notes_action_item_id_sequence",
                table: "summits_action_notes",
                columns: new[] { "action_item_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_action_notices_action_item_id_overdue_week",
                table: "summits_action_notices",
                columns: new[] { "action_item_id", "overdue_week" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_action_notices_member_code_created_at",
                table: "summits_action_notices",
                columns: new[] { "member_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_action_status_changes_action_item_id_sequence",
                table: "summits_action_status_changes",
                columns: new[] { "action_item_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_agenda_items_decides_kind_decides_id",
                table: "summits_agenda_items",
                columns: new[] { "decides_kind", "decides_id" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_agenda_items_meeting_id_position",
                table: "summits_agenda_items",
                columns: new[] { "meeting_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_calendar_feed_tokens_token_hash",
                table: "summits_calendar_feed_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_communiques_decision_id",
                table: "summits_communiques",
                column: "decision_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_communiques_released_at",
                table: "summits_communiques",
                column: "released_at");

            migrationBuilder.CreateIndex(
                name: "ix_summits_consultations_meeting_id",
                table: "summits_consultations",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_summits_consultations_origin_kind_origin_id",
                table: "summits_consultations",
                columns: new[] { "origin_kind", "origin_id" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_consultations_proposal_id",
                table: "summits_consultations",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "ix_summits_decision_statements_decision_id",
                table: "summits_decision_statements",
                column: "decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_summits_decisions_adopted_at",
                table: "summits_decisions",
                column: "adopted_at");

            migrationBuilder.CreateIndex(
                name: "ix_summits_decisions_proposal_id",
                table: "summits_decisions",
                column: "proposal_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_meeting_attendance_meeting_id_member_code",
                table: "summits_meeting_attendance",
                columns: new[] { "meeting_id", "member_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_meeting_attendance_member_code",
                table: "summits_meeting_attendance",
                column: "member_code");

            migrationBuilder.CreateIndex(
                name: "ix_summits_meeting_documents_meeting_id",
                table: "summits_meeting_documents",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_summits_meeting_notifications_meeting_id",
                table: "summits_meeting_notifications",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_summits_meeting_notifications_user_id_meeting_id_kind",
                table: "summits_meeting_notifications",
                columns: new[] { "user_id", "meeting_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_meetings_host_member",
                table: "summits_meetings",
                column: "host_member");

            migrationBuilder.CreateIndex(
                name: "ix_summits_meetings_starts_at",
                table: "summits_meetings",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_summits_meetings_status_reminder_sent_at_starts_at",
                table: "summits_meetings",
                columns: new[] { "status", "reminder_sent_at", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_minutes_revisions_meeting_id_number",
                table: "summits_minutes_revisions",
                columns: new[] { "meeting_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_proposal_positions_member_round",
                table: "summits_proposal_positions",
                columns: new[] { "member", "round" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_proposal_positions_proposal_id_round_member",
                table: "summits_proposal_positions",
                columns: new[] { "proposal_id", "round", "member" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_proposal_versions_proposal_id_number",
                table: "summits_proposal_versions",
                columns: new[] { "proposal_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_summits_proposals_status_silence_deadline",
                table: "summits_proposals",
                columns: new[] { "status", "silence_deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_summits_proposals_updated_at",
                table: "summits_proposals",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_summits_silence_breaks_proposal_id_round",
                table: "summits_silence_breaks",
                columns: new[] { "proposal_id", "round" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "forces_conference_bids");

            migrationBuilder.DropTable(
                name: "forces_conference_rounds");

            migrationBuilder.DropTable(
                name: "forces_offer_conditions");

            migrationBuilder.DropTable(
                name: "forces_offer_readiness");

            migrationBuilder.DropTable(
                name: "forces_offer_readiness_plan");

            migrationBuilder.DropTable(
                name: "forces_offer_versions");

            migrationBuilder.DropTable(
                name: "forces_requirement_versions");

            migrationBuilder.DropTable(
                name: "forces_run_assignments");

            migrationBuilder.DropTable(
                name: "forces_scenarios");

            migrationBuilder.DropTable(
                name: "identity_api_tokens");

            migrationBuilder.DropTable(
                name: "identity_role_claims");

            migrationBuilder.DropTable(
                name: "identity_user_claims");

            migrationBuilder.DropTable(
                name: "identity_user_logins");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "identity_user_tokens");

            migrationBuilder.DropTable(
                name: "ledger_fx_rates");

            migrationBuilder.DropTable(
                name: "ledger_pledge_sources");

            migrationBuilder.DropTable(
                name: "ledger_pledge_transitions");

            migrationBuilder.DropTable(
                name: "ledger_pledge_versions");

            migrationBuilder.DropTable(
                name: "monitoring_agreement_geometries");

            migrationBuilder.DropTable(
                name: "monitoring_alert_rules");

            migrationBuilder.DropTable(
                name: "monitoring_alerts");

            migrationBuilder.DropTable(
                name: "monitoring_daily_report_entries");

            migrationBuilder.DropTable(
                name: "monitoring_event_decisions");

            migrationBuilder.DropTable(
                name: "monitoring_observations");

            migrationBuilder.DropTable(
                name: "monitoring_webhook_deliveries");

            migrationBuilder.DropTable(
                name: "monitoring_webhook_subscriptions");

            migrationBuilder.DropTable(
                name: "platform_idempotency_keys");

            migrationBuilder.DropTable(
                name: "platform_job_leases");

            migrationBuilder.DropTable(
                name: "platform_settings");

            migrationBuilder.DropTable(
                name: "registry_categories");

            migrationBuilder.DropTable(
                name: "registry_classifications");

            migrationBuilder.DropTable(
                name: "registry_delegates");

            migrationBuilder.DropTable(
                name: "registry_member_statuses");

            migrationBuilder.DropTable(
                name: "sharing_document_contents");

            migrationBuilder.DropTable(
                name: "sharing_export_receipts");

            migrationBuilder.DropTable(
                name: "sharing_group_members");

            migrationBuilder.DropTable(
                name: "sharing_message_revisions");

            migrationBuilder.DropTable(
                name: "sharing_release_approvals");

            migrationBuilder.DropTable(
                name: "summits_action_notes");

            migrationBuilder.DropTable(
                name: "summits_action_notices");

            migrationBuilder.DropTable(
                name: "summits_action_status_changes");

            migrationBuilder.DropTable(
                name: "summits_agenda_items");

            migrationBuilder.DropTable(
                name: "summits_calendar_feed_tokens");

            migrationBuilder.DropTable(
                name: "summits_communiques");

            migrationBuilder.DropTable(
                name: "summits_consultations");

            migrationBuilder.DropTable(
                name: "summits_decision_statements");

            migrationBuilder.DropTable(
                name: "summits_meeting_attendance");

            migrationBuilder.DropTable(
                name: "summits_meeting_documents");

            migrationBuilder.DropTable(
                name: "summits_meeting_notifications");

            migrationBuilder.DropTable(
                name: "summits_minutes_revisions");

            migrationBuilder.DropTable(
                name: "summits_proposal_positions");

            migrationBuilder.DropTable(
                name: "summits_proposal_versions");

            migrationBuilder.DropTable(
                name: "summits_silence_breaks");

            migrationBuilder.DropTable(
                name: "forces_conferences");

            migrationBuilder.DropTable(
                name: "forces_offers");

            migrationBuilder.DropTable(
                name: "forces_requirement_lines");

            migrationBuilder.DropTable(
                name: "forces_runs");

            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "ledger_pledges");

            migrationBuilder.DropTable(
                name: "monitoring_agreements");

            migrationBuilder.DropTable(
                name: "monitoring_daily_reports");

            migrationBuilder.DropTable(
                name: "monitoring_events");

            migrationBuilder.DropTable(
                name: "registry_security_policies");

            migrationBuilder.DropTable(
                name: "sharing_document_versions");

            migrationBuilder.DropTable(
                name: "sharing_groups");

            migrationBuilder.DropTable(
                name: "sharing_messages");

            migrationBuilder.DropTable(
                name: "sharing_release_requests");

            migrationBuilder.DropTable(
                name: "summits_action_items");

            migrationBuilder.DropTable(
                name: "summits_decisions");

            migrationBuilder.DropTable(
                name: "identity_users");

            migrationBuilder.DropTable(
                name: "summits_meetings");

            migrationBuilder.DropTable(
                name: "sharing_documents");

            migrationBuilder.DropTable(
                name: "summits_proposals");

            migrationBuilder.DropTable(
                name: "registry_members");
        }
    }
}
