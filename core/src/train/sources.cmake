# Sources of core/src/train: loss and metrics, early stopping, K-fold, statistics, the trainer.
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/batch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/checkpoint_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/console_progress.cpp
  ${CMAKE_CURRENT_LIST_DIR}/early_stopping.cpp
  ${CMAKE_CURRENT_LIST_DIR}/evaluate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kfold.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loss.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lr_schedule.cpp
  ${CMAKE_CURRENT_LIST_DIR}/metrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/precise_bn.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reduce_lr_on_plateau.cpp
  ${CMAKE_CURRENT_LIST_DIR}/regularization.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/training_types.cpp)
