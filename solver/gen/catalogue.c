/* The fixed tables a synthetic cohort draws from: disciplines, programme
 * templates, hospital and person names. */
#include <stddef.h>

#include "solver/gen/cohort_internal.h"

const struct rp_cohort_entry rp_cohort_catalogue[] = {
    {"general_internal", "General internal medicine", "internal", 3, NULL, 1, true, true},
    {"cardiology", "Cardiology", "internal", 3, NULL, 2, true, false},
    {"gastroenterology", "Gastroenterology", "internal", 2, NULL, 0, false, false},
    {"nephrology", "Nephrology", "internal", 2, NULL, 0, false, false},
    {"neurology", "Neurology", "internal", 2, NULL, 1, false, false},
    {"respiratory", "Respiratory medicine", "internal", 2, NULL, 0, false, false},
    {"endocrinology", "Endocrinology", "internal", 2, NULL, 0, false, false},
    {"general_surgery", "General surgery", "surgery", 3, NULL, 2, true, true},
    {"trauma_orthopedics", "Trauma and orthopedics", "surgery", 3, NULL, 1, true, false},
    {"urology", "Urology", "surgery", 2, NULL, 0, false, false},
    {"neurosurgery", "Neurosurgery", "surgery", 2, NULL, 0, false, false},
    {"thoracic_surgery", "Thoracic surgery", "surgery", 2, NULL, 0, false, false},
    {"obstetrics", "Obstetrics", "mother_child", 3, NULL, 1, true, false},
    {"gynecology", "Gynecology", "mother_child", 2, NULL, 0, false, false},
    {"pediatrics", "Pediatrics", "mother_child", 3, NULL, 2, true, false},
    {"neonatology", "Neonatology", NULL, 2, "pediatrics", 0, false, false},
    {"emergency_medicine", "Emergency medicine", "acute", 2, NULL, 1, true, false},
    {"intensive_care", "Intensive care", "acute", 2, "emergency_medicine", 1, false, false},
    {"anesthesiology", "Anesthesiology", "acute", 2, NULL, 0, false, false},
    {"family_medicine", "Family medicine", NULL, 2, NULL, 1, false, false},
    {"psychiatry", "Psychiatry", NULL, 2, NULL, 0, false, false},
    {"geriatrics", "Geriatrics", NULL, 2, NULL, 0, false, false},
    {"dermatology", "Dermatology", NULL, 1, NULL, 0, false, false},
    {"ent", "Ear, nose and throat", NULL, 1, NULL, 0, false, false},
    {"ophthalmology", "Ophthalmology", NULL, 1, NULL, 0, false, false},
};

/* Programme templates. A requirement names a group or a list of discipline
 * ids; a discipline with a prerequisite only appears where the prerequisite
 * is mandatory and comes earlier, so dropping requirements from the end
 * (short horizons) never strands a prerequisite and every draw is closed. */

const struct rp_cohort_template rp_cohort_templates[] = {
    {"general_medicine", "General medicine (final year)", 50, 3, 100,
     {{RP_COHORT_REQ_GROUP, {"internal"}, 1, 1},
      {RP_COHORT_REQ_GROUP, {"surgery"}, 1, 1},
      {RP_COHORT_REQ_LIST, {"obstetrics", "pediatrics"}, 1, 1},
      {RP_COHORT_REQ_DISCIPLINE, {"emergency_medicine"}, 1, 1},
      {RP_COHORT_REQ_LIST, {"family_medicine", "psychiatry", "dermatology", "ent", "ophthalmology"}, 0, 1}},
     5},
    {"surgical_track", "Surgical track", 20, 3, 100,
     {{RP_COHORT_REQ_DISCIPLINE, {"emergency_medicine"}, 1, 1},
      {RP_COHORT_REQ_GROUP, {"surgery"}, 2, 3},
      {RP_COHORT_REQ_GROUP, {"internal"}, 1, 1},
      {RP_COHORT_REQ_LIST, {"intensive_care", "anesthesiology"}, 1, 1}},
     4},
    {"mother_child", "Obstetrics and pediatrics track", 15, -1, 60,
     {{RP_COHORT_REQ_DISCIPLINE, {"obstetrics"}, 1, 1},
      {RP_COHORT_REQ_DISCIPLINE, {"pediatrics"}, 1, 1},
      {RP_COHORT_REQ_LIST, {"gynecology", "neonatology"}, 1, 2},
      {RP_COHORT_REQ_LIST, {"family_medicine", "emergency_medicine"}, 1, 1}},
     4},
    {"family_medicine", "Family medicine track", 15, -1, 50,
     {{RP_COHORT_REQ_DISCIPLINE, {"family_medicine"}, 1, 1},
      {RP_COHORT_REQ_GROUP, {"internal"}, 1, 2},
      {RP_COHORT_REQ_LIST, {"geriatrics", "psychiatry"}, 1, 1},
      {RP_COHORT_REQ_LIST, {"dermatology", "ent", "ophthalmology"}, 1, 2}},
     4},
};

const char *const rp_cohort_hospital_names[][2] = {
    {"university", "University Hospital"},
    {"riverside", "Riverside General Hospital"},
    {"northgate", "Northgate Hospital"},
    {"harbour", "Harbour City Hospital"},
    {"hillview", "Hillview Regional Hospital"},
    {"lakeside", "Lakeside Hospital"},
    {"st_anne", "St Anne's Hospital"},
    {"eastfield", "Eastfield District Hospital"},
    {"westbrook", "Westbrook Hospital"},
    {"southport", "Southport General Hospital"},
    {"pine_valley", "Pine Valley Hospital"},
    {"old_town", "Old Town Hospital"},
    {"meadowbank", "Meadowbank Hospital"},
    {"coastal", "Coastal Regional Hospital"},
    {"highland", "Highland General Hospital"},
    {"greenfield", "Greenfield Hospital"},
    {"bridgeton", "Bridgeton Hospital"},
    {"kingsway", "Kingsway Hospital"},
    {"mill_road", "Mill Road Hospital"},
    {"stonebridge", "Stonebridge Hospital"},
    {"ashford", "Ashford District Hospital"},
    {"fairview", "Fairview Hospital"},
    {"elmwood", "Elmwood Hospital"},
    {"central_district", "Central District Hospital"},
};

const char *const rp_cohort_given_names[] = {
    "An", "Binh", "Chi", "Dung", "Hoa", "Lan", "Minh", "Ngoc", "Phuong", "Thu",
    "Ana", "Bruno", "Carla", "David", "Elena", "Farid", "Grace", "Hana", "Ivan", "Jana",
    "Karim", "Laila", "Marco", "Nadia", "Omar", "Petra", "Rahul", "Sara", "Tomas", "Yuki",
    "Aigerim", "Bolor", "Dilnoza", "Erlan", "Jiho", "Minseo", "Nodira", "Sanjar", "Temuulen", "Zarina",
};
const char *const rp_cohort_family_names[] = {
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo",
    "Silva", "Novak", "Rossi", "Kowalski", "Haddad", "Ibrahim", "Okafor", "Mensah", "Sato", "Tanaka",
    "Kim", "Park", "Lee", "Choi", "Bekova", "Nurlanov", "Karimov", "Yusupova", "Batbayar", "Ganbold",
    "Petrova", "Jensen", "Moreau", "Costa", "Ahmadi", "Singh", "Garcia", "Muller", "Horvath", "Larsen",
};

const int rp_cohort_n_catalogue = (int)(sizeof rp_cohort_catalogue / sizeof rp_cohort_catalogue[0]);
const int rp_cohort_n_hospital_names =
    (int)(sizeof rp_cohort_hospital_names / sizeof rp_cohort_hospital_names[0]);
const int rp_cohort_n_given = (int)(sizeof rp_cohort_given_names / sizeof rp_cohort_given_names[0]);
const int rp_cohort_n_family =
    (int)(sizeof rp_cohort_family_names / sizeof rp_cohort_family_names[0]);
